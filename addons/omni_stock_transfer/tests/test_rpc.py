from odoo.addons.omni_stock.tests.rpc import RpcError, RpcMixin
from odoo.tests import HttpCase, tagged

from .common import APPROVER, TransferCase


@tagged("post_install", "-at_install")
class TestTransferRpc(RpcMixin, HttpCase, TransferCase):
    """The gate holds for real users over JSON-RPC, not only for the ORM in a test."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rpc_clerk = cls.rpc_user("tr_rpc_clerk", ["stock.group_stock_user"])
        cls.rpc_approver = cls.rpc_user("tr_rpc_approver", [APPROVER])
        cls.rpc_buyer = cls.rpc_user("tr_rpc_buyer", ["purchase.group_purchase_user"])
        cls.rule("route")

    @classmethod
    def rule(cls, kind, **vals):
        return cls.env["omni.stock.transfer.rule"].create(
            {"name": f"Rule {kind}", "kind": kind, **vals})

    def assertRefused(self, name, *call, **kwargs):
        with self.assertRaises(RpcError) as caught:
            self.rpc(*call, **kwargs)
        self.assertEqual(caught.exception.name, name)

    def test_every_confirm_path_over_rpc(self):
        model = "omni.stock.transfer.request"
        request_id = self.rpc(self.rpc_clerk, model, "create", [{
            "warehouse_id": self.store_a.id, "warehouse_dest_id": self.store_b.id,
            "line_ids": [[0, 0, {"product_id": self.product.id, "quantity": 4}]]}])[0]
        self.rpc(self.rpc_clerk, model, "action_submit", [request_id])
        request = self.env[model].browse(request_id)
        self.assertEqual(request.approval_state, "to_approve")
        self.assertRefused("odoo.exceptions.UserError",
                           self.rpc_clerk, model, "action_confirm", [request_id])
        for vals in ({"approval_state": "approved"}, {"state": "shipped"}):
            self.assertRefused("odoo.exceptions.AccessError",
                               self.rpc_clerk, model, "write", [request_id], vals)
            self.assertRefused("odoo.exceptions.AccessError",
                               self.rpc_clerk, model, "web_save", [request_id], vals,
                               specification={})
        self.assertRefused("odoo.exceptions.AccessError", self.rpc_clerk, model,
                           "action_approve", [request_id])
        picking_vals = {key: value for key, value in request._prepare_picking_vals(
            "out").items() if key in ("picking_type_id", "location_id", "location_dest_id",
                                      "omni_transfer_request_id")}
        self.assertRefused("odoo.exceptions.UserError", self.rpc_clerk, "stock.picking",
                           "create", [picking_vals])
        # private methods are not reachable
        self.assertRefused("odoo.exceptions.AccessError", self.rpc_clerk, model,
                           "_omni_create_pickings", [request_id])
        self.assertEqual((request.approval_state, request.picking_ids.ids), ("to_approve", []))
        self.rpc(self.rpc_approver, model, "action_approve", [request_id])
        self.assertEqual(request.state, "approved")
        self.assertEqual(len(request.picking_ids), 2)

    def test_break_glass_over_rpc_needs_a_reason(self):
        order_id = self.rpc(self.rpc_buyer, "purchase.order", "create", [{
            "partner_id": self.rpc_buyer.partner_id.id,
            "order_line": [[0, 0, {"product_id": self.product.id, "product_qty": 1}]]}])[0]
        self.assertRefused("odoo.exceptions.UserError", self.rpc_buyer, "purchase.order",
                           "action_break_glass", [order_id], reason="")
        self.assertRefused("odoo.exceptions.AccessError", self.rpc_buyer, "purchase.order",
                           "write", [order_id], {"omni_break_glass": True})
        self.rpc(self.rpc_buyer, "purchase.order", "action_break_glass", [order_id],
                 reason="supplier closes tonight")
        order = self.env["purchase.order"].browse(order_id)
        self.assertEqual((order.state, order.omni_emergency_id.approval_state),
                         ("purchase", "to_approve"))
