from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from .rpc import RpcError, RpcMixin


@tagged("post_install", "-at_install")
class TestMultiCompany(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Omni Company B"})
        cls.wh_a = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company_a.id)], limit=1)
        cls.wh_b = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company_b.id)], limit=1)
        cls.product = cls.env["product.product"].create(
            {"name": "Shared Tee", "type": "consu", "is_storable": True})
        Quant = cls.env["stock.quant"]
        Quant._update_available_quantity(cls.product, cls.wh_a.lot_stock_id, 10)
        Quant.with_company(cls.company_b)._update_available_quantity(
            cls.product, cls.wh_b.lot_stock_id, 3)
        cls.channel_a = cls.env["omni.channel"].create(
            {"name": "Web A", "code": "web-a", "warehouse_ids": [Command.set(cls.wh_a.ids)]})
        cls.user_b = new_test_user(
            cls.env, login="omni_user_b",
            groups="stock.group_stock_user,omni_stock.group_omni_user",
            company_id=cls.company_b.id, company_ids=[Command.set(cls.company_b.ids)],
        )

    def test_user_of_company_b_sees_nothing_of_company_a(self):
        env_b = self.env(user=self.user_b)
        self.assertFalse(env_b["omni.channel"].search([]))
        with self.assertRaises(AccessError):
            env_b["omni.channel"].browse(self.channel_a.id).read(["name"])
        product_b = self.product.with_user(self.user_b)
        self.assertEqual(product_b.omni_on_hand, 3)
        self.assertEqual(product_b.omni_ats, 3)
        positions = env_b["omni.stock.position"].search([("product_id", "=", self.product.id)])
        self.assertEqual(positions.company_id, self.company_b)
        # a channel id of company A smuggled through the context gives nothing away
        self.assertEqual(product_b.with_context(omni_channel_id=self.channel_a.id).omni_ats, 3)

    def test_channel_sources_must_share_its_company(self):
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.env["omni.channel"].create({
                "name": "Cross", "code": "cross", "company_id": self.company_a.id,
                "warehouse_ids": [Command.set(self.wh_b.ids)],
            })

    def test_plain_user_cannot_configure_channels(self):
        with self.assertRaises(AccessError):
            self.channel_a.with_user(self.user_b).write({"allocation_percent": 10})


@tagged("post_install", "-at_install")
class TestStatusOverRpc(RpcMixin, HttpCase):
    """What the web client and an XML-RPC script of a plain user can do: no more
    than the ORM lets them (the checks live in the models, not in the views)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = cls.rpc_user("omni_rpc_user", ["omni_stock.group_omni_user"])
        cls.location = cls.env["stock.location"].create({
            "name": "RPC Shelf", "usage": "internal",
            "location_id": cls.env.ref("stock.stock_location_stock").id})

    def test_plain_user_cannot_change_a_status_over_rpc(self):
        for call in (self.rpc, self.xmlrpc):
            with self.subTest(call=call.__name__), self.assertRaises(RpcError) as caught:
                call(self.user, "stock.location", "write", [self.location.id],
                     {"omni_status": "damaged"})
            self.assertIn("Only an Omnichannel manager", caught.exception.message)
        self.assertEqual(self.location.omni_status, "sellable")
        # the same user reads the status through the same route
        rows = self.rpc(self.user, "stock.location", "read", [self.location.id],
                        ["omni_status"])
        self.assertEqual(rows[0]["omni_status"], "sellable")
