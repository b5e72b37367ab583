from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CycleCountCase


@tagged("post_install", "-at_install")
class TestAccuracy(CycleCountCase):
    def test_measured_accuracy_equals_hand_computed_and_gates_channel(self):
        """4 lines (expected 20 x 10 = 200 each): exact, -1 (within the C tolerance
        of 2), exact, -5 (above, recounted): hits 3 / 4 = 75 %; value-weighted
        1 - (10 + 50) / 800 = 92.5 %."""
        self.channel.min_location_accuracy = 80
        self.assertEqual(self.ats(), 20, "accuracy 100 by default: trusted")
        p1, p2, p3, p4 = self.products
        task = self.task()
        self.count(task, self.counter, {p1: 20, p2: 19, p3: 20, p4: 15})
        self.assertEqual(task.state, "recount")
        self.count(task, self.counter2, {p4: 15})
        self.assertEqual(task.state, "done")
        self.assertRecordValues(self.shelf, [{
            "omni_accuracy_hit_rate": 75.0, "omni_accuracy_value": 92.5,
            "omni_accuracy_lines": 4, "omni_accuracy": 75.0,
        }])
        self.assertEqual(self.ats(), 0, "75 % is below the channel's 80 %: not promised")
        explanation = self.channel.explain(self.product)
        self.assertAlmostEqual(explanation.total, explanation.ats)
        untrusted = [line for line in explanation.lines if line.kind == "untrusted"]
        self.assertIn("measured 75% of 4 count lines", untrusted[0].description)
        self.channel.min_location_accuracy = 70
        self.assertEqual(self.ats(), 20)

    def test_manager_override_kept(self):
        self.shelf.with_user(self.manager).write(
            {"omni_accuracy_override": True, "omni_accuracy": 99})
        task = self.task(self.products[:1])
        self.count(task, self.counter, {self.product: 10})
        self.count(task, self.counter2, {self.product: 10})
        self.assertRecordValues(self.shelf, [{"omni_accuracy": 99,
                                              "omni_accuracy_hit_rate": 0.0}])

    def test_counter_cannot_override(self):
        with self.assertRaises(AccessError):
            self.shelf.with_user(self.counter).write({"omni_accuracy_override": True})
