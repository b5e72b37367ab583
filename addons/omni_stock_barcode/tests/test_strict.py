from odoo.addons.omni_stock.tests.rpc import RpcError, RpcMixin
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import BarcodeCase


class TestStrictScan(BarcodeCase):
    """Strict mode: no path validates a line nobody scanned."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.receipt_type.omni_strict_scan = True

    def half_scanned(self):
        picking = self.receipt([(self.tee, 2), (self.cap, 2)])
        self.scan(picking, "SC-TEE", quantity=2)
        return picking

    def assert_refused(self, picking, call):
        with self.assertRaisesRegex(UserError, "Strict scanning.*Scan Cap"):
            call()
        self.assertNotEqual(picking.state, "done")

    def test_form_button(self):
        picking = self.receipt([(self.tee, 2), (self.cap, 2)])
        # nothing scanned: Odoo would pick every line and receive them all
        self.assert_refused(picking, picking.with_user(self.receiver).button_validate)

    def test_scanned_lines_and_unscanned_quantity(self):
        picking = self.receipt([(self.tee, 2)])
        self.scan(picking, "SC-TEE")
        line = picking.move_line_ids.filtered("omni_scanned_qty")
        line.with_user(self.receiver).quantity = 2  # one unit scanned, two claimed
        with self.assertRaisesRegex(UserError, r"Scan Tee \(1/2\)"):
            picking.with_user(self.receiver).button_validate()

    def test_action_done_direct_and_move_level(self):
        picking = self.receipt([(self.tee, 2), (self.cap, 2)])
        picking.move_ids.picked = True
        self.assert_refused(picking, picking._action_done)
        self.assert_refused(picking, picking.move_ids._action_done)

    def test_scheduled_action(self):
        """A server action run by the scheduler (as the system) is refused too."""
        picking = self.receipt([(self.tee, 2), (self.cap, 2)])
        action = self.env["ir.actions.server"].create({
            "name": "auto validate", "model_id": self.env.ref("stock.model_stock_picking").id,
            "state": "code", "code": f"env['stock.picking'].browse({picking.id}).button_validate()",
        })
        self.assert_refused(picking, action.run)

    def test_procurement_move_without_picking(self):
        move = self.env["stock.move"].create({
            "name": "proc", "product_id": self.cap.id, "product_uom_qty": 1,
            "location_id": self.env.ref("stock.stock_location_suppliers").id,
            "location_dest_id": self.stock.id, "picking_type_id": self.receipt_type.id})
        move._action_confirm()
        move._action_assign()
        move.picked = True
        with self.assertRaisesRegex(UserError, "Strict scanning"):
            move._action_done()

    def test_all_scanned_validates_and_unscanned_go_to_backorder(self):
        picking = self.half_scanned()
        result = picking.with_user(self.receiver).omni_scanner_validate()
        self.assertEqual(result, {"ask": "backorder"})
        result = picking.with_user(self.receiver).omni_scanner_validate(close=False)
        self.assertEqual(result["state"], "done")
        backorder = self.env["stock.picking"].search([("backorder_id", "=", picking.id)])
        self.assertEqual(backorder.move_ids.product_id, self.cap)
        self.assertEqual(self.env["stock.quant"]._omni_onhand(self.tee, self.stock), 2)

    def test_not_strict_validates_unscanned(self):
        self.receipt_type.omni_strict_scan = False
        picking = self.receipt([(self.tee, 2), (self.cap, 2)])
        picking.with_user(self.receiver).button_validate()
        self.assertEqual(picking.state, "done")


@tagged("post_install", "-at_install")
class TestStrictScanRpc(RpcMixin, HttpCase):
    """The same refusal for a receiver calling button_validate over JSON-RPC."""

    def test_rpc_button_validate(self):
        env = self.env(context=dict(self.env.context, tracking_disable=True))
        warehouse = env["stock.warehouse"].create({"name": "Rpc Scan WH", "code": "RSW"})
        warehouse.in_type_id.omni_strict_scan = True
        product = env["product.product"].create({"name": "Rpc Tee", "is_storable": True,
                                               "default_code": "RPC-TEE"})
        supplier = env.ref("stock.stock_location_suppliers")
        picking = env["stock.picking"].create({
            "picking_type_id": warehouse.in_type_id.id, "location_id": supplier.id,
            "location_dest_id": warehouse.lot_stock_id.id,
            "move_ids": [(0, 0, {"name": "t", "product_id": product.id, "product_uom_qty": 1,
                                 "location_id": supplier.id,
                                 "location_dest_id": warehouse.lot_stock_id.id})]})
        picking.action_confirm()
        receiver = self.rpc_user("rpc_scan_receiver", ["stock.group_stock_user"])
        with self.assertRaises(RpcError) as refused:
            self.rpc(receiver, "stock.picking", "button_validate", [picking.id])
        self.assertIn("Strict scanning", refused.exception.message)
        with self.assertRaises(RpcError) as refused:
            self.rpc(receiver, "stock.move.line", "write", picking.move_line_ids.ids,
                     {"omni_scanned_qty": 1})
        self.assertIn("scanner only", refused.exception.message)
        self.rpc(receiver, "stock.picking", "omni_scanner_scan", [picking.id], "rpc-1",
                 "RPC-TEE")
        self.rpc(receiver, "stock.picking", "button_validate", [picking.id])
        self.assertEqual(picking.state, "done")
