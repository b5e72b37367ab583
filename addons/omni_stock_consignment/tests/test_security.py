from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import ConsignmentCase


class TestConsignmentSecurity(ConsignmentCase):
    def test_inventory_user_reads_agreements_but_cannot_edit(self):
        user = new_test_user(self.env, login="consign_omni_user",
                             groups="omni_stock.group_omni_user")
        agreement = self.agreement.with_user(user)
        self.assertEqual(agreement.share_percent, 60.0)
        with self.assertRaises(AccessError):
            agreement.share_percent = 90.0
        with self.assertRaises(AccessError):
            self.env["omni.stock.consignment.agreement"].with_user(user).create(
                {"partner_id": self.other_vendor.id})

    def test_omni_manager_edits_agreements(self):
        manager = new_test_user(self.env, login="consign_omni_manager",
                                groups="omni_stock.group_omni_manager")
        self.agreement.with_user(manager).share_percent = 55.0
        self.assertEqual(self.agreement.share_percent, 55.0)

    def test_other_company_agreements_are_invisible(self):
        company_b = self.env["res.company"].create({"name": "Consign Company B"})
        other = self.env["omni.stock.consignment.agreement"].create({
            "partner_id": self.other_vendor.id, "company_id": company_b.id})
        user = new_test_user(self.env, login="consign_omni_user_a",
                             groups="omni_stock.group_omni_user")
        self.assertFalse(self.env["omni.stock.consignment.agreement"].with_user(user)
                         .search([("id", "=", other.id)]))

    def test_salesperson_sale_settles_without_bill_rights(self):
        self._put(self.stock, 1, owner=self.vendor)
        order = self._order(1, price=10.0, user=self.salesperson)
        order.with_user(self.salesperson).action_confirm()
        with self.assertRaises(AccessError):
            self.env["account.move"].with_user(self.salesperson).check_access("create")
        self._deliver(order.picking_ids.with_user(self.stock_user))
        self.assertEqual(self._bill_lines().price_subtotal, 6.0)
