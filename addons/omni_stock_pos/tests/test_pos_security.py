from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import OmniPosCase


@tagged("post_install", "-at_install")
class TestPosSecurity(OmniPosCase):

    def test_cashier_without_omnichannel_rights_reads_figures(self):
        self.assertFalse(self.cashier.has_group("omni_stock.group_omni_user"))
        badges = self.config.with_user(self.cashier).omni_stock_badges([self.product.id])
        self.assertEqual(badges, {self.product.id: 10})

    def test_bad_product_lists_refused(self):
        for bad in (self.product.id, "1,2", [str(self.product.id)], [True], None):
            with self.assertRaises(UserError):
                self.config.with_user(self.cashier).omni_stock_badges(bad)

    def test_cashier_sees_no_stock_of_another_company(self):
        other = self.env["res.company"].create({"name": "Other Retail"})
        cashier_b = new_test_user(
            self.env, login="omni_cashier_b", groups="base.group_user,point_of_sale.group_pos_user",
            company_id=other.id, company_ids=[Command.set(other.ids)])
        with self.assertRaises(AccessError):
            self.config.with_user(cashier_b).omni_stock_badges([self.product.id])
        with self.assertRaises(AccessError):
            self.product.with_user(cashier_b).get_product_info_pos(10.0, 1, self.config.id)
        session = self.open_new_session()
        with self.assertRaises(AccessError):
            session.with_user(cashier_b).omni_heartbeat(0)

    def test_network_only_lists_the_company_of_the_pos(self):
        other = self.env["res.company"].create({"name": "Other Retail"})
        warehouse = self.env["stock.warehouse"].with_company(other).create(
            {"name": "Other store", "code": "OTH", "company_id": other.id})
        self.env["omni.channel"].with_company(other).create({
            "name": "Other store", "code": "oth", "channel_type": "store",
            "company_id": other.id, "warehouse_ids": [Command.set(warehouse.ids)]})
        info = self.product.with_user(self.cashier).get_product_info_pos(
            10.0, 1, self.config.id)["omni_stock"]
        self.assertEqual([n["warehouse"] for n in info["network"]], ["Central"])
