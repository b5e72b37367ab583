from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import ReturnCase


@tagged("post_install", "-at_install")
class TestRouting(ReturnCase):
    def test_every_warehouse_has_return_locations(self):
        self.assertEqual(self.inspection.omni_status, "inspection")
        self.assertEqual(self.quarantine.omni_status, "quarantine")
        self.assertEqual(self.inspection.warehouse_id, self.warehouse)
        warehouse = self.env["stock.warehouse"].create({"name": "Store 9", "code": "ST9"})
        self.assertEqual(warehouse.omni_inspection_location_id.omni_status, "inspection")
        self.assertEqual(warehouse.omni_quarantine_location_id.warehouse_id, warehouse)

    def test_existing_inspection_location_reused(self):
        warehouse = self.env["stock.warehouse"].create({"name": "Store 8", "code": "ST8"})
        own = warehouse.omni_inspection_location_id
        warehouse.omni_inspection_location_id = False
        warehouse._omni_ensure_return_locations()
        self.assertEqual(warehouse.omni_inspection_location_id, own, "reused, not duplicated")

    def test_return_wizard_lands_in_inspection_ats_unchanged(self):
        before = self._ats(self.channel)
        self.assertEqual(before["ats"], 7)
        delivery = self.order.picking_ids
        wizard_form = Form(self.env["stock.return.picking"].with_user(self.inspector)
                           .with_context(active_id=delivery.id, active_model="stock.picking"))
        wizard = wizard_form.save()
        wizard.product_return_moves.quantity = 2
        action = wizard.action_create_returns()
        receipt = self.env["stock.picking"].browse(action["res_id"]).with_user(self.inspector)
        self.assertEqual(receipt.location_dest_id, self.inspection)
        receipt.move_ids.quantity = 2
        receipt.move_ids.picked = True
        receipt.button_validate()
        self.assertEqual(receipt.state, "done")
        self.assertEqual(self.qty(self.inspection), 2)
        after = self._ats(self.channel)
        self.assertEqual(after["ats"], before["ats"], "nothing returned is sellable")
        self.assertEqual(after["inspection"], 2)

    def test_customer_move_to_stock_is_redirected(self):
        move = self._move(self.customer_loc, self.stock, 1,
                          picking_type_id=self.warehouse.in_type_id.id)
        self.assertEqual(move.location_dest_id, self.inspection)

    def test_done_return_into_sellable_refused(self):
        move = self._move(self.customer_loc, self.stock, 1,
                          picking_type_id=self.warehouse.in_type_id.id,
                          origin_returned_move_id=self.order.picking_ids.move_ids.id)
        move.move_line_ids.unlink()
        self.env["stock.move.line"].create({
            "move_id": move.id, "product_id": self.product.id, "quantity": 1,
            "location_id": self.customer_loc.id, "location_dest_id": self.stock.id,
            "product_uom_id": self.product.uom_id.id,
        })
        move.picked = True
        with self.assertRaisesRegex(UserError, "inspection, quarantine or damaged"):
            move.with_user(self.inspector)._action_done()
        self.assertEqual(self.qty(self.stock), 7)

    def test_done_return_of_unknown_origin_quarantined(self):
        """A receipt from a customer that names no delivery is flagged and received
        into quarantine, even with its line pointed at sellable stock."""
        move = self._move(self.customer_loc, self.stock, 1,
                          picking_type_id=self.warehouse.in_type_id.id)
        move.move_line_ids.unlink()
        self.env["stock.move.line"].create({
            "move_id": move.id, "product_id": self.product.id, "quantity": 1,
            "location_id": self.customer_loc.id, "location_dest_id": self.stock.id,
            "product_uom_id": self.product.uom_id.id,
        })
        move.picked = True
        move.with_user(self.inspector)._action_done()
        self.assertEqual(self.qty(self.stock), 7)
        self.assertEqual(self.qty(self.quarantine), 1)
        rma = self.env["omni.stock.return"].search([("receipt_move_id", "=", move.id)])
        self.assertEqual((rma.state, rma.flag_reason, rma.origin),
                         ("flagged", "unknown", "receipt"))
