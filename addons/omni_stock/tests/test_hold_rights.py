from odoo import Command
from odoo.tests import HttpCase, tagged

from .rpc import RpcError, RpcMixin


@tagged("post_install", "-at_install")
class TestHoldActionsNeedWriteRights(RpcMixin, HttpCase):
    """A hold changes only through its actions, and only for who may change holds: an
    Omnichannel User reads holds but cannot confirm, resize or extend one (nor release
    it), whatever the route. The server's own flows (orders, POS, cart, API) act on
    their holds themselves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse = cls.env["stock.warehouse"].create(
            {"name": "Hold Rights WH", "code": "HRW"})
        cls.product = cls.env["product.product"].create({
            "name": "Hold Rights Tee", "default_code": "HR-TEE", "type": "consu",
            "is_storable": True})
        cls.env["stock.quant"]._update_available_quantity(
            cls.product, cls.warehouse.lot_stock_id, 10)
        cls.marketplace = cls.env["omni.channel"].create({
            "name": "Hold Rights Marketplace", "code": "hr-mkt", "channel_type": "marketplace",
            "warehouse_ids": [Command.set(cls.warehouse.ids)]})
        cls.hold, _created = cls.env["omni.stock.hold"].reserve(
            cls.marketplace, cls.product, 4, "MKT-ORDER-1", 3600, origin="api")
        cls.reader = cls.rpc_user("hold_rights_reader", ["omni_stock.group_omni_user"])

    def _unchanged(self):
        self.hold.invalidate_recordset()
        return (self.hold.state, self.hold.quantity, self.hold.expires_at)

    def test_a_reader_cannot_confirm_resize_extend_or_release_a_hold(self):
        before = self._unchanged()
        self.assertEqual(before[:2], ("active", 4))
        # the reader sees the hold...
        self.assertEqual(self.rpc(self.reader, "omni.stock.hold", "read", [self.hold.id],
                                  ["quantity"])[0]["quantity"], 4)
        # ...and changes nothing of it, over JSON-RPC or XML-RPC
        for call in (self.rpc, self.xmlrpc):
            for method, args in (("action_confirm_hold", ()), ("resize", (1,)),
                                 ("resize", (6,)), ("extend", (86400,)),
                                 ("action_release", ())):
                with self.subTest(route=call.__name__, method=method, args=args):
                    with self.assertRaises(RpcError) as caught:
                        call(self.reader, "omni.stock.hold", method, [self.hold.id], *args)
                    self.assertEqual(caught.exception.name, "odoo.exceptions.AccessError")
                    self.assertEqual(self._unchanged(), before)
        self.assertEqual(self.env["omni.ats"].compute(
            self.product, channel=self.marketplace)[self.product.id]["ats"], 6)

    def test_a_manager_still_acts_on_holds(self):
        manager = self.rpc_user("hold_rights_manager", ["omni_stock.group_omni_manager"])
        self.rpc(manager, "omni.stock.hold", "resize", [self.hold.id], 2)
        self.assertEqual(self._unchanged()[:2], ("active", 2))
        self.rpc(manager, "omni.stock.hold", "action_confirm_hold", [self.hold.id])
        self.assertEqual(self._unchanged()[0], "confirmed")
