from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CycleCountCase


@tagged("post_install", "-at_install")
class TestPickShort(CycleCountCase):
    def test_pick_short_withheld_at_once_and_lifted_by_count(self):
        self.warehouse.write({"omni_count_tol_qty_c": 10, "omni_count_tol_value_c": 1000})
        self.assertEqual(self.ats(), 20)
        short = self.env["omni.stock.pick.short"].with_user(self.counter)._omni_report(
            self.product, self.shelf, 5)
        self.assertEqual(self.ats(), 15, "the missing quantity is withheld at once")
        explanation = self.channel.explain(self.product)
        self.assertAlmostEqual(explanation.total, explanation.ats)
        self.assertEqual(explanation.ats, 15)
        withheld = [line for line in explanation.lines if line.kind == "withheld"]
        self.assertEqual(len(withheld), 1)
        self.assertEqual(withheld[0].quantity, -5)
        self.assertIn("unconfirmed after pick short, count pending", withheld[0].description)
        task = short.sudo().task_id
        self.assertRecordValues(task, [{"trigger": "pick_short", "priority": "1"}])
        self.count(task, self.counter2, {self.product: 15})
        self.assertEqual(short.sudo().state, "resolved")
        self.assertEqual(self.qty(), 15)
        self.assertEqual(self.ats(), 15, "the count replaces the withholding")
        explanation = self.channel.explain(self.product)
        self.assertFalse([line for line in explanation.lines if line.kind == "withheld"])

    def test_pick_short_wizard_on_transfer(self):
        picking_type = self.warehouse.out_type_id
        picking = self.env["stock.picking"].with_user(self.counter).create({
            "picking_type_id": picking_type.id, "location_id": self.shelf.id,
            "location_dest_id": self.customer.id,
            "move_ids": [(0, 0, {"name": "p", "product_id": self.product.id,
                                 "product_uom_qty": 4, "product_uom": self.product.uom_id.id,
                                 "location_id": self.shelf.id,
                                 "location_dest_id": self.customer.id})],
        })
        picking.action_confirm()
        picking.action_assign()
        wizard = self.env["omni.stock.pick.short.report"].with_user(self.counter).with_context(
            active_model="stock.picking", active_id=picking.id).create({"quantity": 3})
        self.assertEqual(wizard.location_id, self.shelf)
        wizard.action_report()
        short = self.env["omni.stock.pick.short"].search([("picking_id", "=", picking.id)])
        self.assertRecordValues(short, [{"quantity": 3, "state": "open",
                                         "user_id": self.counter.id}])
        # 4 reserved, 16 free: 3 of the free withheld
        self.assertEqual(self.ats(), 13)

    def test_bad_pick_short_refused(self):
        PickShort = self.env["omni.stock.pick.short"].with_user(self.counter)
        with self.assertRaisesRegex(UserError, "must be a number above 0"):
            PickShort._omni_report(self.product, self.shelf, 0)
        with self.assertRaisesRegex(UserError, "not a warehouse stock location"):
            PickShort._omni_report(self.product, self.customer, 2)
        self.assertFalse(PickShort.search([("product_id", "=", self.product.id)]))
        self.assertEqual(self.ats(), 20)

    def test_pick_short_from_scanner(self):
        PickShort = self.env["omni.stock.pick.short"].with_user(self.counter)
        with self.assertRaisesRegex(UserError, "Unknown location barcode"):
            PickShort.omni_scanner_report_short("NOPE", self.product.barcode, 2)
        with self.assertRaisesRegex(UserError, "Unknown product barcode"):
            PickShort.omni_scanner_report_short(self.shelf.barcode, "NOPE", 2)
        with self.assertRaisesRegex(UserError, "must be a number"):
            PickShort.omni_scanner_report_short(self.shelf.barcode, self.product.barcode, "x")
        self.assertEqual(self.ats(), 20)
        PickShort.omni_scanner_report_short(self.shelf.barcode, self.product.barcode, "2")
        self.assertEqual(self.ats(), 18)
        tasks = [task["trigger"] for task in self.Task.with_user(self.counter).omni_my_tasks()]
        self.assertIn("Pick reported short", tasks)
