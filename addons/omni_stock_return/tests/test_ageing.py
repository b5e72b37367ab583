from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import ReturnCase


@tagged("post_install", "-at_install")
class TestAgeingAndKpi(ReturnCase):
    def _age(self, rma, days):
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE omni_stock_return SET received_date = %s WHERE id = %s",
            [fields.Datetime.now() - timedelta(days=days), rma.id])
        self.env.invalidate_all()

    def test_late_returns_raise_one_activity_for_the_manager(self):
        self.warehouse.write({"omni_return_age_days": 2,
                              "omni_return_manager_id": self.manager.id})
        late, fresh = self._received(1), self._received(1)
        self._age(late, 5)
        self._age(fresh, 1)
        self.assertEqual(late.age_days, 5)
        Return = self.env["omni.stock.return"]
        Return._cron_inspection_ageing()
        self.assertEqual(late.activity_ids.user_id, self.manager)
        self.assertFalse(fresh.activity_ids)
        Return._cron_inspection_ageing()
        self.assertEqual(len(late.activity_ids), 1, "once per return")

    def test_return_to_stock_time(self):
        hours = []
        for days in (1, 2, 4):
            rma = self._received(1)
            self._age(rma, days)
            rma.write({"grade_id": self.grades["A"].id, "disposition": "resell"})
            rma.action_inspect_and_dispose()
            hours.append(rma.return_to_stock_hours)
        self.assertAlmostEqual(hours[0], 24, delta=0.1)
        now = fields.Datetime.now()
        kpi = self.env["omni.stock.return"]._kpi_return_to_stock(
            now - timedelta(days=1), now + timedelta(days=1))
        self.assertEqual(kpi["count"], 3)
        self.assertAlmostEqual(kpi["median"], 48, delta=0.1)
        self.assertAlmostEqual(kpi["p90"], 48 + 0.8 * 48, delta=0.1)
