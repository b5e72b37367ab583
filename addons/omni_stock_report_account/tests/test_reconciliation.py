from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import FinanceCase


@tagged("post_install", "-at_install")
class TestReconciliation(FinanceCase):
    """Physical vs ERP vs financial at a past cut-off, each difference with its cause."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.date_to = cls.today.replace(day=1) - timedelta(days=1)  # end of last month
        cls.date_from = cls.date_to.replace(day=1)
        cls.in_period = fields.Datetime.to_datetime(cls.date_to) - timedelta(days=5)

    def _scenario(self):
        # last month: 10 tees received at 5
        self.backdate(self.receive(10, 5.0, force_period_date=self.in_period.date()),
                      self.in_period)
        # a count of 6 above the 3-unit threshold waits for approval since last month
        self.company.omni_adj_threshold_qty = 3
        self.count(self.stock, 6, self.reason_count)
        request = self.env["omni.stock.adjustment.request"].search(
            [("product_id", "=", self.tee.id)])
        self.env.flush_all()
        self.env.cr.execute("UPDATE omni_stock_adjustment_request SET create_date = %s"
                            " WHERE id = %s", [self.in_period, request.id])
        request.invalidate_recordset()
        # a receipt validated this month but accounted in last month
        late = self.receive(2, 5.0, force_period_date=self.in_period.date())
        # a manual journal entry on the stock account
        entry = self.env["account.move"].create({
            "move_type": "entry", "date": self.in_period.date(), "ref": "Stock write-up",
            "line_ids": [
                fields.Command.create({"account_id": self.valuation_account.id,
                                       "debit": 50.0, "name": "write-up"}),
                fields.Command.create({"account_id": self.expense_account.id,
                                       "credit": 50.0, "name": "write-up"}),
            ],
        })
        entry.action_post()
        # 2 tees found without any stock move
        self.put(self.stock, 2)
        reconciliation = self.env["omni.stock.reconciliation"].with_user(self.finance).create({
            "warehouse_id": self.warehouse.id, "date_from": self.date_from,
            "date_to": self.date_to})
        reconciliation.action_compute()
        return reconciliation, request, late, entry

    def test_each_difference_with_its_cause(self):
        reconciliation, request, late, entry = self._scenario()
        lines = reconciliation.line_ids.filtered(
            lambda line: line.product_id == self.tee or line.account_id == self.valuation_account)
        causes = sorted((line.leg, line.cause) for line in lines)
        self.assertEqual(causes, [
            ("erp_layers", "unexplained"),
            ("layers_gl", "cutoff_move"),
            ("layers_gl", "manual_entry"),
            ("physical_erp", "pending_adjustment"),
        ])
        by_cause = {line.cause: line for line in lines}
        pending = by_cause["pending_adjustment"]
        self.assertEqual((pending.erp_qty, pending.physical_qty, pending.difference_qty),
                         (12.0, 8.0, -4.0))
        self.assertEqual(pending.source_ref, request)
        self.assertIn(request.name, pending.explanation)
        self.assertEqual(pending.count_age_days, 6)  # at the end of the cut-off day
        late_line = by_cause["cutoff_move"]
        self.assertAlmostEqual(late_line.difference_value, 10.0)
        self.assertEqual(late_line.source_ref, late.stock_valuation_layer_ids.account_move_id)
        manual = by_cause["manual_entry"]
        self.assertAlmostEqual(manual.difference_value, 50.0)
        self.assertEqual(manual.source_ref, entry)
        self.assertAlmostEqual(manual.gl_value, 110.0)  # 50 receipt + 10 late + 50 manual
        self.assertAlmostEqual(manual.layer_value, 50.0)
        unexplained = by_cause["unexplained"]
        self.assertEqual((unexplained.erp_qty, unexplained.layer_qty,
                          unexplained.difference_qty), (12.0, 10.0, 2.0))
        self.assertTrue(unexplained.flagged)
        self.assertFalse(by_cause["manual_entry"].flagged)
        self.assertEqual(reconciliation.state, "computed")
        self.assertGreaterEqual(reconciliation.positions, 1)

    def test_review_and_export(self):
        reconciliation, *_rest = self._scenario()
        line = reconciliation.line_ids[0].with_user(self.finance)
        with self.assertRaises(AccessError):
            line.write({"difference_qty": 0})
        with self.assertRaises(AccessError):
            reconciliation.line_ids[0].with_user(self.ops).read(["difference_value"])
        for line in reconciliation.line_ids.with_user(self.finance):
            line.review_note = "Checked with the warehouse"
        self.assertEqual(reconciliation.state, "reviewed")
        self.assertEqual(reconciliation.line_ids[0].reviewed_by, self.finance)
        content, _fmt = self.env["ir.actions.report"].with_user(self.finance)._render(
            "omni_stock_report_account.action_report_reconciliation_xlsx", reconciliation.ids)
        rows = next(iter(self.read_xlsx(content).values()))
        self.assertEqual(rows[2][:2], ["Period", f"{self.date_from} – {self.date_to}"])
        header = next(r for r in rows if r and r[0] == "Leg")
        causes = {r[header.index("Cause")] for r in rows[rows.index(header) + 1:] if r[0]}
        self.assertLessEqual({"Adjustment pending approval", "Manual journal entry on a stock "
                              "account", "Move across the cut-off", "Unexplained"}, causes)

    def test_company_b_sees_nothing(self):
        reconciliation, *_rest = self._scenario()
        Reconciliation = self.env["omni.stock.reconciliation"].with_user(self.user_b)
        self.assertFalse(Reconciliation.search([]))
        self.assertFalse(self.env["omni.stock.reconciliation.line"].with_user(
            self.user_b).search([]))
        with self.assertRaises(AccessError):
            reconciliation.with_user(self.user_b).read(["name"])
