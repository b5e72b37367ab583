from datetime import timedelta

from odoo import fields
from odoo.addons.omni_stock_return.tests.common import ReturnCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestReturnReport(ReturnCase):
    def test_return_to_stock_time_kpi(self):
        kpi = self.env.ref("omni_stock_report.kpi_return_to_stock_time")
        self.assertTrue(kpi.available)
        for days in (1, 3):
            rma = self._received(1)
            self.env.flush_all()
            self.env.cr.execute(
                "UPDATE omni_stock_return SET received_date = %s WHERE id = %s",
                [fields.Datetime.now() - timedelta(days=days), rma.id])
            self.env.invalidate_all()
            rma.write({"grade_id": self.grades["A"].id, "disposition": "resell"})
            rma.action_inspect_and_dispose()
        today = fields.Date.context_today(kpi)
        self.env["omni.stock.kpi"].refresh(today, today)
        values = self.env["omni.stock.kpi.value"].search(
            [("kpi_id", "=", kpi.id), ("warehouse_id", "=", self.warehouse.id)])
        self.assertAlmostEqual(sum(values.mapped("numerator")), 4.0, delta=0.01)
        self.assertEqual(sum(values.mapped("denominator")), 2)

    def test_flagged_returns_in_excess_alert(self):
        self._received(3)
        rma = self._received(1)
        self.assertEqual(rma.state, "flagged")
        alerts = self.env["omni.stock.alert"].scan(kinds=["excess_return"])
        mine = alerts.filtered(lambda a: a.cause_key == f"rma:{rma.id}")
        self.assertEqual(len(mine), 1)
        self.assertIn(rma.name, mine.name)
        self.assertEqual(mine.record_ref, rma)
        self.assertFalse(self.env["omni.stock.alert"].scan(kinds=["excess_return"]).filtered(
            lambda a: a.cause_key == f"rma:{rma.id}"), "raised once")
