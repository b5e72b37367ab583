from odoo.addons.omni_stock.tests.rpc import RpcError, RpcMixin
from odoo.tests import HttpCase, tagged

from .common import MANAGER, ReturnCase


@tagged("post_install", "-at_install")
class TestReturnDoors(RpcMixin, HttpCase, ReturnCase):
    """Returned goods leave inspection only by their disposition and quarantine only
    by a returns manager's decision, whoever validates what, over JSON-RPC and
    XML-RPC; every receipt from a customer, whatever the route, lands where its
    return's checks say."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = cls.rpc_user("rma_door_clerk", ["stock.group_stock_user"])
        cls.boss = cls.rpc_user("rma_door_boss", [MANAGER])
        cls.transit = cls.env["stock.location"].create({
            "name": "Returns Transit", "usage": "transit", "company_id": cls.company.id,
            "location_id": cls.env.ref("stock.stock_location_locations").id})

    def _transfer(self, call, user, source, dest, qty=1, picking_type=None, **move_vals):
        """An internal transfer created, confirmed and validated by ``user``."""
        picking_id = call(user, "stock.picking", "create", {
            "picking_type_id": (picking_type or self.warehouse.int_type_id).id,
            "location_id": source.id, "location_dest_id": dest.id,
            "move_ids": [(0, 0, {
                "name": "door", "product_id": self.product.id, "product_uom_qty": qty,
                "location_id": source.id, "location_dest_id": dest.id, **move_vals})],
        })
        call(user, "stock.picking", "action_confirm", [picking_id])
        call(user, "stock.picking", "action_assign", [picking_id])
        picking = self.env["stock.picking"].browse(picking_id)
        call(user, "stock.move", "write", picking.move_ids.ids, {"quantity": qty, "picked": True})
        call(user, "stock.picking", "button_validate", [picking_id])
        return picking

    def assertRefused(self, source, dest, hint):
        """An ordinary transfer ``source`` -> ``dest`` of a plain Inventory User is
        refused over both protocols; stock and ATS do not move."""
        before = (self.qty(source), self.qty(dest), self._ats(self.channel)["ats"])
        for call in (self.rpc, self.xmlrpc):
            with self.subTest(call=call.__name__), self.assertRaises(RpcError) as caught:
                self._transfer(call, self.clerk, source, dest)
            self.assertEqual(caught.exception.name, "odoo.exceptions.UserError")
            self.assertIn(hint, caught.exception.message)
            self.assertIn("Omni Tee", caught.exception.message)
        self.assertEqual(
            (self.qty(source), self.qty(dest), self._ats(self.channel)["ats"]), before)

    # ------------------------------------------------------------ inspection

    def test_received_return_cannot_be_transferred_to_stock(self):
        rma = self._received(1)
        self.assertEqual(rma.state, "received")
        self.assertRefused(self.inspection, self.stock, "use Inspect Returns")
        self.assertRefused(self.inspection, self.refurbish, "use Inspect Returns")
        self.assertEqual(rma.state, "received")

    def test_inspector_disposes_over_rpc(self):
        rma = self._received(1)
        ats = self._ats(self.channel)["ats"]
        self.rpc(self.clerk, "omni.stock.return", "write", [rma.id], {
            "grade_id": self.grades["A"].id, "disposition": "resell"})
        self.rpc(self.clerk, "omni.stock.return", "action_inspect_and_dispose", [rma.id])
        self.assertEqual(rma.state, "disposed")
        self.assertEqual(self.qty(self.inspection), 0)
        self.assertEqual(self._ats(self.channel)["ats"], ats + 1)

    def test_vendor_delivery_of_a_disposition_ships_anything_else_refused(self):
        vendor = self.env["res.partner"].create({"name": "Door Vendor"})
        self.env["product.supplierinfo"].create({
            "partner_id": vendor.id, "product_tmpl_id": self.product.product_tmpl_id.id})
        rma = self._received(2)
        rma.write({"grade_id": self.grades["C"].id, "disposition": "vendor",
                   "disposition_note": "Warranty"})
        rma.action_inspect_and_dispose()
        delivery = rma.transfer_ids
        # more of the product slipped into the return's delivery: not its door
        self._received(1)
        self.rpc(self.clerk, "stock.move", "write", delivery.move_ids.ids,
                 {"quantity": 3, "picked": True})
        with self.assertRaises(RpcError) as caught:
            self.rpc(self.clerk, "stock.picking", "button_validate", delivery.ids)
        self.assertIn("use Inspect Returns", caught.exception.message)
        self.rpc(self.clerk, "stock.move", "write", delivery.move_ids.ids, {"quantity": 2})
        self.rpc(self.clerk, "stock.move", "write", delivery.move_ids.ids, {"picked": True})
        self.rpc(self.clerk, "stock.picking", "button_validate", delivery.ids)
        self.assertEqual(delivery.state, "done")
        self.assertEqual(self.qty(self.inspection), 1)
        # without a disposition, inspection stock does not go to a vendor
        self.assertRefused(self.inspection, self.env.ref("stock.stock_location_suppliers"),
                           "use Inspect Returns")

    def test_scrap_of_inspection_only_through_the_disposition(self):
        self._received(1)
        scrap = self.env["stock.scrap"].with_user(self.clerk).create({
            "product_id": self.product.id, "scrap_qty": 1,
            "location_id": self.inspection.id,
            "omni_reason_id": self.env.ref("omni_stock_adjustment.reason_damage").id})
        with self.assertRaises(RpcError) as caught:
            self.rpc(self.clerk, "stock.scrap", "action_validate", scrap.ids)
        self.assertIn("use Inspect Returns", caught.exception.message)
        self.assertEqual(self.qty(self.inspection), 1)

    # ------------------------------------------------------------ quarantine

    def _flagged(self):
        self._received(3)
        rma = self._received(1)
        self.assertEqual((rma.state, rma.location_id), ("flagged", self.quarantine))
        return rma

    def test_flagged_return_cannot_be_transferred_out_of_quarantine(self):
        rma = self._flagged()
        self.assertRefused(self.quarantine, self.stock, "ask a returns manager")
        self.assertRefused(self.quarantine, self.inspection, "ask a returns manager")
        self.assertEqual(rma.state, "flagged")

    def test_returns_manager_accepts_others_cannot(self):
        rma = self._flagged()
        for call in (self.rpc, self.xmlrpc):
            with self.subTest(call=call.__name__), self.assertRaises(RpcError) as caught:
                call(self.clerk, "omni.stock.return", "action_accept", [rma.id])
            self.assertEqual(caught.exception.name, "odoo.exceptions.AccessError")
        self.assertEqual(self.qty(self.quarantine), 1)
        self.rpc(self.boss, "omni.stock.return", "action_accept", [rma.id])
        self.assertEqual(rma.state, "received")
        self.assertEqual(rma.decided_by_id, self.boss)
        self.assertEqual(self.qty(self.quarantine), 0)
        self.assertEqual(self.qty(self.inspection), 4)

    def test_rejected_return_sent_back_by_a_returns_manager(self):
        rma = self._flagged()
        self.rpc(self.boss, "omni.stock.return", "action_reject", [rma.id])
        with self.assertRaises(RpcError):
            self.rpc(self.clerk, "omni.stock.return", "action_send_back", [rma.id])
        self.rpc(self.boss, "omni.stock.return", "action_send_back", [rma.id])
        self.assertEqual(rma.state, "sent_back")
        self.assertEqual(self.qty(self.quarantine), 0)
        self.assertEqual(rma.location_id.usage, "customer")

    # ------------------------------------------------------------ whatever the route

    def test_customer_to_transit_then_stock(self):
        """A receipt from a customer aimed at a transit location lands in inspection
        (from where only a disposition sells it); a line sent to transit anyway is
        refused."""
        delivery = self.order.picking_ids.move_ids
        picking = self._transfer(self.rpc, self.clerk, self.customer_loc, self.transit,
                                 picking_type=self.warehouse.in_type_id,
                                 origin_returned_move_id=delivery.id)
        self.assertEqual(picking.state, "done")
        self.assertEqual(self.qty(self.transit), 0)
        self.assertEqual(self.qty(self.inspection), 1)
        rma = self.env["omni.stock.return"].search([("receipt_move_id", "=",
                                                     picking.move_ids.id)])
        self.assertEqual((rma.origin, rma.state), ("receipt", "received"))
        self.assertRefused(self.inspection, self.stock, "use Inspect Returns")
        move = self._move(self.customer_loc, self.inspection, 1,
                          origin_returned_move_id=delivery.id)
        move.quantity = 1
        move.move_line_ids.location_dest_id = self.transit
        move.picked = True
        with self.assertRaisesRegex(Exception, "comes back from a customer"):
            move.with_user(self.clerk)._action_done()

    def test_receipt_naming_no_delivery_is_quarantined(self):
        picking = self._transfer(self.xmlrpc, self.clerk, self.customer_loc, self.stock,
                                 picking_type=self.warehouse.in_type_id)
        rma = self.env["omni.stock.return"].search([("receipt_move_id", "=",
                                                     picking.move_ids.id)])
        self.assertEqual((rma.state, rma.flag_reason), ("flagged", "unknown"))
        self.assertEqual((self.qty(self.quarantine), self.qty(self.stock)), (1, 7))

    def test_customer_to_damaged_then_stock(self):
        damaged = self.locations["damaged"]
        delivery = self.order.picking_ids.move_ids
        move = self._move(self.customer_loc, damaged, 1, origin_returned_move_id=delivery.id)
        move.quantity = 1
        move.picked = True
        move.with_user(self.clerk)._action_done()
        self.assertEqual(self.qty(damaged), 1, "a parcel damaged on arrival")
        self.assertRefused(damaged, self.stock, "request a reason-coded release")

    def test_customer_to_a_location_outside_warehouses(self):
        """No warehouse to route it to: the validation is refused."""
        loose = self.env["stock.location"].create({
            "name": "Loose Shelf", "usage": "internal", "company_id": self.company.id,
            "location_id": self.env.ref("stock.stock_location_locations").id})
        delivery = self.order.picking_ids.move_ids
        move = self._move(self.customer_loc, loose, 1, origin_returned_move_id=delivery.id)
        self.assertEqual(move.location_dest_id, loose)
        move.quantity = 1
        move.picked = True
        with self.assertRaisesRegex(Exception, "comes back from a customer"):
            move.with_user(self.clerk)._action_done()
        self.assertEqual(self.qty(loose), 0)

    def test_two_step_receipt_first_step_from_customer(self):
        self.warehouse.reception_steps = "two_steps"
        receipt_type = self.warehouse.in_type_id
        self.assertEqual(receipt_type.default_location_dest_id.omni_status, "sellable")
        picking = self._transfer(self.rpc, self.clerk, self.customer_loc,
                                 receipt_type.default_location_dest_id,
                                 picking_type=receipt_type,
                                 origin_returned_move_id=self.order.picking_ids.move_ids.id)
        self.assertEqual(picking.move_ids.location_dest_id, self.inspection)
        self.assertEqual(self.qty(receipt_type.default_location_dest_id), 0)
        self.assertEqual(self.qty(self.inspection), 1)
        self.assertRefused(self.inspection, self.stock, "use Inspect Returns")

    def test_return_type_pointed_at_stock(self):
        """Odoo's Return button with a return operation type whose default
        destination is sellable stock: still inspection."""
        return_type = self.warehouse.in_type_id.copy({
            "name": "Returns to shelf", "sequence_code": "RSH",
            "default_location_dest_id": self.stock.id})
        self.warehouse.out_type_id.return_picking_type_id = return_type
        receipt = self._return_button(self.order.picking_ids, 1)
        self.assertEqual(receipt.location_dest_id, self.inspection)
        self._validate_receipt(receipt)
        self.assertEqual(self.qty(self.inspection), 1)
        self.assertEqual(self.qty(self.stock), 7)

    # ------------------------------------------------------------ Odoo's Return button

    def _return_button(self, delivery, qty, user=None):
        """Odoo's Return button on ``delivery`` for ``qty`` units, over JSON-RPC."""
        user = user or self.clerk
        wizard_id = self.rpc(user, "stock.return.picking", "create",
                             {"picking_id": delivery.id})
        wizard = self.env["stock.return.picking"].browse(wizard_id)
        self.rpc(user, "stock.return.picking.line", "write",
                 wizard.product_return_moves.ids, {"quantity": qty})
        action = self.rpc(user, "stock.return.picking", "action_create_returns", [wizard_id])
        return self.env["stock.picking"].browse(action["res_id"])

    def _validate_receipt(self, receipt, user=None):
        user = user or self.clerk
        self.rpc(user, "stock.move", "write", receipt.move_ids.ids, {"picked": True})
        self.rpc(user, "stock.picking", "button_validate", receipt.ids)
        self.assertEqual(receipt.state, "done")
        return receipt

    def _return_of(self, receipt):
        return self.env["omni.stock.return"].search([("receipt_move_id", "in",
                                                      receipt.move_ids.ids)])

    def test_return_button_more_than_delivered_is_flagged(self):
        order = self._deliver_order(self.product, 2)
        receipt = self._validate_receipt(self._return_button(order.picking_ids, 5))
        self.assertEqual(self.qty(self.quarantine), 5)
        self.assertEqual(self.qty(self.inspection), 0)
        self.assertEqual(order.order_line.qty_delivered, 2, "no credit while flagged")
        rma = self._return_of(receipt)
        self.assertEqual((rma.state, rma.flag_reason, rma.origin),
                         ("flagged", "excess", "receipt"))
        self.assertEqual(rma.sale_line_id, order.order_line)
        self.assertEqual(rma.quantity, 5)

    def test_return_button_twice_second_is_flagged(self):
        order = self._deliver_order(self.product, 2)
        delivery = order.picking_ids
        first = self._validate_receipt(self._return_button(delivery, 2))
        self.assertEqual(self.qty(self.inspection), 2)
        self.assertEqual(order.order_line.qty_delivered, 0)
        second = self._validate_receipt(self._return_button(delivery, 2))
        self.assertEqual(self.qty(self.quarantine), 2)
        self.assertEqual(self.qty(self.inspection), 2)
        first, second = self._return_of(first), self._return_of(second)
        self.assertEqual((first.state, first.location_id), ("received", self.inspection))
        self.assertEqual((second.state, second.flag_reason), ("flagged", "duplicate"))
        # the first one is inspected like any return
        Inspect = self.env["omni.stock.return.inspect"].with_user(self.clerk)
        self.assertEqual(Inspect._find_return(first.name), first)

    def test_return_button_of_a_delivery_without_order(self):
        self.env["stock.quant"]._update_available_quantity(self.product, self.stock, 2)
        delivery = self.env["stock.picking"].create({
            "picking_type_id": self.warehouse.out_type_id.id, "partner_id": self.customer.id,
            "location_id": self.stock.id, "location_dest_id": self.customer_loc.id,
            "move_ids": [(0, 0, {"name": "gift", "product_id": self.product.id,
                                 "product_uom_qty": 2, "location_id": self.stock.id,
                                 "location_dest_id": self.customer_loc.id})]})
        delivery.action_confirm()
        delivery.action_assign()
        delivery.move_ids.picked = True
        delivery._action_done()
        ok = self._return_of(self._validate_receipt(self._return_button(delivery, 1)))
        self.assertEqual((ok.state, ok.origin_move_id), ("received", delivery.move_ids))
        excess = self._return_of(self._validate_receipt(self._return_button(delivery, 2)))
        self.assertEqual((excess.state, excess.flag_reason), ("flagged", "excess"))
        self.assertEqual((self.qty(self.inspection), self.qty(self.quarantine)), (1, 2))
