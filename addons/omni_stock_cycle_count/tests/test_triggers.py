from odoo.tests import tagged

from .common import CycleCountCase


@tagged("post_install", "-at_install")
class TestTriggers(CycleCountCase):
    def tasks(self, trigger):
        return self.Task.search([("trigger", "=", trigger),
                                 ("warehouse_id", "=", self.warehouse.id)])

    def test_negative_quant_one_task(self):
        self.env["stock.quant"]._update_available_quantity(self.products[1], self.shelf2, -2)
        self.Task._omni_trigger_negative_quants()
        self.Task._omni_trigger_negative_quants()
        task = self.tasks("negative")
        self.assertEqual(len(task), 1)
        self.assertRecordValues(task, [{"location_id": self.shelf2.id, "priority": "1",
                                        "state": "open"}])
        self.assertEqual(task.line_ids.product_id, self.products[1])

    def test_pick_short_one_task(self):
        PickShort = self.env["omni.stock.pick.short"].with_user(self.counter)
        PickShort._omni_report(self.product, self.shelf, 2)
        PickShort._omni_report(self.product, self.shelf, 1)
        task = self.tasks("pick_short")
        self.assertEqual(len(task), 1)
        self.assertEqual(len(task.line_ids), 1)
        self.assertIn("reported short", task.trigger_note)

    def test_variance_above_tolerance_one_task(self):
        task = self.task(self.product)
        self.count(task, self.counter, {self.product: 10})  # -10, C tolerance 2
        self.count(task, self.counter2, {self.product: 10})  # recount confirms
        self.assertEqual(task.state, "done")
        variance = self.tasks("variance")
        self.assertEqual(len(variance), 1)
        self.assertEqual(variance.line_ids.product_id, self.product)

    def test_low_accuracy_one_task(self):
        self.warehouse.omni_accuracy_target = 95
        task = self.task(self.products[:2])
        self.count(task, self.counter, {self.products[0]: 20, self.products[1]: 14})
        self.count(task, self.counter2, {self.products[1]: 14})
        self.shelf._omni_measure_accuracy()
        accuracy = self.tasks("accuracy")
        self.assertEqual(len(accuracy), 1)
        self.assertEqual(accuracy.location_id, self.shelf)
        self.assertIn("50", accuracy.trigger_note)
