from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import OmniStockCase
from .rpc import RpcError, RpcMixin


@tagged("post_install", "-at_install")
class TestContextKeysOverRpc(RpcMixin, HttpCase, OmniStockCase):
    """The keys of ``omni_stock`` sent from the web client's route: a hold is born
    active and made by its caller whatever ``default_*`` keys say; a channel, location
    or warehouse id in the context only scopes what the user may read anyway."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.rpc_user("ctx_omni_manager", ["omni_stock.group_omni_manager"])
        cls.user = cls.rpc_user("ctx_omni_user", ["omni_stock.group_omni_user"])
        cls.company_b = cls.env["res.company"].create({"name": "Context Company B"})
        cls.warehouse_b = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company_b.id)], limit=1)
        cls.env["stock.quant"].with_company(cls.company_b)._update_available_quantity(
            cls.product, cls.warehouse_b.lot_stock_id, 50)

    def test_hold_is_born_active_by_its_caller(self):
        self._put(self.stock, 5)
        smuggled = {"default_state": "confirmed", "default_user_id": self.env.uid,
                    "default_done_date": "2001-01-01 00:00:00",
                    "default_origin": "api"}
        hold_id = self.rpc(self.manager, "omni.stock.hold", "create", {
            "channel_id": self.channel.id, "product_id": self.product.id, "quantity": 2,
            "reference": "ctx-1",
            "expires_at": fields.Datetime.to_string(fields.Datetime.now() + timedelta(hours=1)),
        }, context=smuggled)
        hold = self.env["omni.stock.hold"].browse(hold_id)
        self.assertEqual((hold.state, hold.user_id, hold.done_date, hold.origin),
                         ("active", self.manager, False, "manual"))
        # nor can a smuggled state make it hold more than the channel may promise
        with self.assertRaises(RpcError):
            self.rpc(self.manager, "omni.stock.hold", "create", {
                "channel_id": self.channel.id, "product_id": self.product.id,
                "quantity": 4, "reference": "ctx-2"}, context=smuggled)

    def test_scope_keys_only_scope_what_the_user_may_read(self):
        self._put(self.stock, 5)
        for context in ({"location": self.warehouse_b.lot_stock_id.id},
                        {"warehouse_id": self.warehouse_b.id},
                        {"omni_channel_id": self.channel.id, "location": [1, 2, 3]}):
            with self.subTest(context=context):
                try:
                    rows = self.rpc(self.user, "product.product", "read", self.product.ids,
                                    ["omni_on_hand", "omni_ats"], context=context)
                except RpcError as error:
                    # Odoo's stock reads the location of the key itself: refused
                    self.assertIn("AccessError", error.name)
                    continue
                self.assertNotEqual(rows[0]["omni_on_hand"], 50, "company B's stock")
