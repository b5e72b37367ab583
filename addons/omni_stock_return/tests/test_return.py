from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ReturnCase


@tagged("post_install", "-at_install")
class TestReturnAuthorization(ReturnCase):
    def test_return_received_into_inspection(self):
        rma = self._return(2)
        self.assertTrue(rma.name.startswith("RMA/"))
        self.assertEqual(rma.partner_id, self.customer)
        self.assertEqual(rma.product_id, self.product)
        rma.action_confirm()
        self.assertEqual(rma.state, "expected")
        self.assertEqual(rma.picking_id.location_dest_id, self.inspection)
        ats = self._ats(self.channel)["ats"]
        rma.action_receive()
        self.assertEqual(rma.state, "received")
        self.assertFalse(rma.flag_reason)
        self.assertEqual(rma.picking_id.state, "done")
        self.assertEqual(self.qty(self.inspection), 2)
        self.assertEqual(rma.location_id, self.inspection)
        self.assertEqual(self._ats(self.channel)["ats"], ats)
        self.assertEqual(self.order.order_line.qty_delivered, 1, "Odoo counts the return")

    def test_excess_return_flagged_into_quarantine(self):
        self._received(2)
        rma = self._received(2)  # 3 delivered, 2 already back
        self.assertEqual(rma.state, "flagged")
        self.assertEqual(rma.flag_reason, "excess")
        self.assertEqual(self.qty(self.quarantine), 2)
        self.assertEqual(self.qty(self.inspection), 2)
        self.assertEqual(self.order.order_line.qty_delivered, 1, "no refund while flagged")

    def test_duplicate_serial_flagged(self):
        product = self._create_product("Omni Watch", "OMNI-WATCH")
        product.tracking = "serial"
        serial = self.env["stock.lot"].create({"name": "SN-1", "product_id": product.id})
        self.env["stock.quant"]._update_available_quantity(product, self.stock, 1, lot_id=serial)
        order = self._deliver_order(product, 1, lot=serial)
        first = self._received(1, order=order, lot_id=serial.id)
        self.assertEqual(first.state, "received")
        second = self._received(1, order=self._sale_of(product), lot_id=serial.id)
        self.assertEqual(second.state, "flagged")
        self.assertEqual(second.flag_reason, "duplicate")
        self.assertEqual(second.location_id, self.quarantine)

    def test_resold_serial_may_come_back_again(self):
        product = self._create_product("Omni Watch", "OMNI-WATCH")
        product.tracking = "serial"
        serial = self.env["stock.lot"].create({"name": "SN-9", "product_id": product.id})
        self.env["stock.quant"]._update_available_quantity(product, self.stock, 1, lot_id=serial)
        first = self._received(1, order=self._deliver_order(product, 1, lot=serial),
                               lot_id=serial.id)
        first.write({"grade_id": self.grades["A"].id, "disposition": "resell"})
        first.action_inspect_and_dispose()
        again = self._received(1, order=self._deliver_order(product, 1, lot=serial),
                               lot_id=serial.id)
        self.assertEqual(again.state, "received", "sold twice, returned twice")

    def _sale_of(self, product):
        """Another order of ``product`` delivered (so only the serial repeats)."""
        lot = self.env["stock.lot"].create({"name": "SN-2", "product_id": product.id})
        self.env["stock.quant"]._update_available_quantity(product, self.stock, 1, lot_id=lot)
        return self._deliver_order(product, 1, lot=lot)

    def test_inspector_cannot_override_flag_manager_can(self):
        self._received(3)
        rma = self._received(1)
        self.assertEqual(rma.state, "flagged")
        self.assertEqual(rma.flag_reason, "duplicate", "the line was returned in full")
        with self.assertRaises(AccessError):
            rma.action_accept()
        with self.assertRaises(AccessError):
            rma.action_reject()
        with self.assertRaises(UserError):
            rma.write({"state": "received"})
        self.assertEqual(rma.state, "flagged")
        rma.with_user(self.manager).action_accept()
        self.assertEqual(rma.state, "received")
        self.assertEqual(rma.decided_by_id, self.manager)
        self.assertEqual(self.qty(self.quarantine), 0)
        self.assertEqual(self.qty(self.inspection), 4)

    def test_manager_rejects_flagged_return(self):
        self._received(3)
        rma = self._received(1)
        rma.with_user(self.manager).action_reject()
        self.assertEqual(rma.state, "rejected")
        self.assertEqual(self.qty(self.quarantine), 1, "the goods stay in quarantine")

    def test_workflow_fields_not_writable(self):
        with self.assertRaises(UserError):
            self._return(1, state="disposed")
        rma = self._received(1)
        with self.assertRaises(UserError):
            rma.quantity = 5
        with self.assertRaises(UserError):
            rma.action_receive()

    def test_bad_input_refused(self):
        with self.assertRaises(UserError):
            self._return(0)
        other = self.env["sale.order"].create({
            "partner_id": self.customer.id,
            "order_line": [Command.create({"product_id": self.product.id})],
        })
        with self.assertRaises(UserError):
            self._return(1, sale_line_id=other.order_line.id)

    def test_company_isolation(self):
        company_b = self.env["res.company"].create({"name": "Returns Co B"})
        user_b = self.env["res.users"].create({
            "name": "B inspector", "login": "rma_b", "company_id": company_b.id,
            "company_ids": [Command.set(company_b.ids)],
            "groups_id": [Command.set(self.env.ref("stock.group_stock_user").ids)],
        })
        rma = self._return(1)
        Return = self.env["omni.stock.return"].with_user(user_b)
        self.assertFalse(Return.search([("id", "=", rma.id)]))
        with self.assertRaises(AccessError):
            rma.with_user(user_b).read(["name"])
