from datetime import timedelta

from odoo import Command, fields
from odoo.addons.omni_stock_cycle_count.tests.common import CycleCountCase
from odoo.addons.omni_stock_report.tests.common import FINANCE
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCountsInReconciliationAndClose(CycleCountCase):
    """A count above tolerance waits for its recount: finance sees the difference
    with its cause, and the close checklist stays open until the recount."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.finance = new_test_user(
            cls.env, "cc_finance", groups=FINANCE, company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)])
        cls.today = fields.Date.context_today(cls.company)

    def _count_waiting_recount(self):
        task = self.task(self.product)
        self.count(task, self.counter, {self.product: 5})  # 20 expected: -15
        self.assertEqual(self.line(task).state, "recount")
        self.assertEqual(self.qty(), 20, "nothing applied before the recount")
        return task

    def _reconcile(self):
        reconciliation = self.env["omni.stock.reconciliation"].with_user(self.finance).create({
            "company_id": self.company.id, "warehouse_id": self.warehouse.id,
            "date_from": self.today - timedelta(days=30), "date_to": self.today})
        reconciliation.action_compute()
        return reconciliation.line_ids.filtered(lambda line: line.leg == "physical_erp")

    def _checklist_item(self, close):
        close.action_check()
        return close.check_ids.filtered(lambda check: check.code == "counts_waiting_recount")

    def test_count_waiting_recount_is_an_explained_difference(self):
        task = self._count_waiting_recount()
        lines = self._reconcile()
        self.assertRecordValues(lines, [{
            "product_id": self.product.id, "location_id": self.shelf.id,
            "cause": "count_not_applied", "flagged": False,
            "erp_qty": 20.0, "physical_qty": 5.0, "difference_qty": -15.0,
        }])
        self.assertIn(task.name, lines.explanation)
        self.assertIn("recount", lines.explanation)

    def test_moves_since_the_count_are_reconciled(self):
        self._count_waiting_recount()
        self.deliver(self.product, 3)  # 17 in Odoo, 2 on the shelf
        lines = self._reconcile()
        self.assertRecordValues(lines, [{"erp_qty": 17.0, "physical_qty": 2.0,
                                         "difference_qty": -15.0}])

    def test_close_checklist_waits_for_the_recount(self):
        task = self._count_waiting_recount()
        close = self.env["omni.stock.period.close"].with_user(self.finance).create({
            "company_id": self.company.id, "date_from": self.today - timedelta(days=30),
            "date_to": self.today})
        self.assertRecordValues(self._checklist_item(close), [{"state": "open", "count": 1}])
        self.count(task, self.counter2, {self.product: 5})  # the recount applies
        self.assertEqual(self.line(task).state, "applied")
        self.assertEqual(self._checklist_item(close).state, "ok")
        self.assertFalse(self._reconcile(), "applied: Odoo and the shelf agree")
