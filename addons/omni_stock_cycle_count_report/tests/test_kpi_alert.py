from odoo import fields
from odoo.addons.omni_stock_cycle_count.tests.common import CycleCountCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestCycleCountKpiAlert(CycleCountCase):
    def test_inventory_accuracy_kpi_is_the_hit_rate(self):
        """4 lines, 3 within tolerance: 75 % for the shelf."""
        p1, p2, p3, p4 = self.products
        task = self.task()
        self.count(task, self.counter, {p1: 20, p2: 19, p3: 20, p4: 15})
        self.count(task, self.counter2, {p4: 15})
        Kpi = self.env["omni.stock.kpi"]
        kpi = self.env.ref("omni_stock_report.kpi_inventory_accuracy")
        self.assertTrue(kpi.available)
        today = fields.Date.context_today(Kpi)
        Kpi.refresh(today, today)
        values = self.env["omni.stock.kpi.value"].search(
            [("kpi_id", "=", kpi.id), ("location_id", "=", self.shelf.id)])
        self.assertEqual(len(values), 1)
        self.assertRecordValues(values, [{"numerator": 300.0, "denominator": 4.0,
                                          "value": 75.0, "available": True}])
        self.assertEqual(values.value, self.shelf.omni_accuracy_hit_rate)

    def test_variance_waiting_for_approval_raises_an_alert(self):
        self.company.omni_adj_threshold_qty = 5
        rule = self.env.ref("omni_stock_report.alert_rule_count_variance")
        rule.min_value = 100
        task = self.task(self.product)
        self.count(task, self.counter, {self.product: 5})
        self.count(task, self.counter2, {self.product: 5})  # -15 x 10 = 150, waits
        self.assertEqual(self.line(task).state, "requested")
        alerts = self.env["omni.stock.alert"].scan(kinds=["count_variance"])
        alert = alerts.filtered(lambda a: a.location_id == self.shelf)
        self.assertEqual(len(alert), 1)
        self.assertIn("cycle counts found 1 lines outside tolerance", alert.figure)
        self.assertNotIn("150.00", alert.figure)  # amounts are finance's
        self.assertIn("worth 150.00", alert.value_figure)
