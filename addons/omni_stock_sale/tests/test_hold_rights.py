from odoo import Command
from odoo.addons.omni_stock.tests.rpc import RpcError, RpcMixin
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestSalespersonHoldRights(RpcMixin, HttpCase):
    """A salesperson holds and confirms their quotations through the order: they read
    holds, and never change another channel's hold (a marketplace's) by calling the
    hold's own actions."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        warehouse = cls.env["stock.warehouse"].create({"name": "Sales Hold WH", "code": "SHW"})
        cls.product = cls.env["product.product"].create({
            "name": "Sales Hold Tee", "default_code": "SH-TEE", "type": "consu",
            "is_storable": True})
        cls.env["stock.quant"]._update_available_quantity(
            cls.product, warehouse.lot_stock_id, 10)
        cls.marketplace = cls.env["omni.channel"].create({
            "name": "Sales Hold Marketplace", "code": "sh-mkt", "channel_type": "marketplace",
            "warehouse_ids": [Command.set(warehouse.ids)]})
        cls.hold, _created = cls.env["omni.stock.hold"].reserve(
            cls.marketplace, cls.product, 3, "MKT-SH-1", 3600, origin="api")
        cls.salesperson = cls.rpc_user("sales_hold_rights", ["sales_team.group_sale_salesman"])

    def test_salesperson_cannot_close_a_marketplace_hold(self):
        for method, args in (("action_confirm_hold", ()), ("resize", (1,)),
                             ("extend", (86400,))):
            with self.subTest(method=method):
                with self.assertRaises(RpcError) as caught:
                    self.rpc(self.salesperson, "omni.stock.hold", method, [self.hold.id], *args)
                self.assertEqual(caught.exception.name, "odoo.exceptions.AccessError")
        self.hold.invalidate_recordset()
        self.assertEqual((self.hold.state, self.hold.quantity), ("active", 3))
        # the marketplace still may not sell the 3 units it holds to anyone else
        self.assertEqual(self.env["omni.ats"].compute(
            self.product, channel=self.marketplace)[self.product.id]["holds"], 3)


@tagged("post_install", "-at_install")
class TestConfirmationGuardRights(RpcMixin, HttpCase):
    """The confirmation guard tells what a channel may still sell only to who may confirm
    the order: a customer reading his quotation on the portal learns no stock figure by
    calling its confirmation over RPC."""

    def test_portal_customer_confirming_learns_no_figure(self):
        warehouse = self.env["stock.warehouse"].create({"name": "Guard WH", "code": "GRW"})
        product = self.env["product.product"].create({
            "name": "Guard Tee", "type": "consu", "is_storable": True})
        self.env["stock.quant"]._update_available_quantity(
            product, warehouse.lot_stock_id, 17)
        channel = self.env["omni.channel"].create({
            "name": "Guard Wholesale", "code": "guard-b2b", "channel_type": "b2b",
            "oversell_policy": "block", "warehouse_ids": [Command.set(warehouse.ids)]})
        customer = self.rpc_user("guard_portal", ["base.group_portal"])
        order = self.env["sale.order"].create({
            "partner_id": customer.partner_id.id, "warehouse_id": warehouse.id,
            "omni_channel_id": channel.id,
            "order_line": [Command.create({"product_id": product.id,
                                           "product_uom_qty": 40})]})
        order.message_subscribe(customer.partner_id.ids)  # as when it is sent to him
        # the customer reads his quotation...
        self.assertEqual(self.rpc(customer, "sale.order", "read", order.ids, ["state"])[0][
            "state"], "draft")
        # ...and confirming it is refused for his rights, not with the channel's figures
        with self.assertRaises(RpcError) as caught:
            self.rpc(customer, "sale.order", "action_confirm", order.ids)
        self.assertEqual(caught.exception.name, "odoo.exceptions.AccessError")
        self.assertNotIn("17", caught.exception.message)
        self.assertEqual(order.state, "draft")
