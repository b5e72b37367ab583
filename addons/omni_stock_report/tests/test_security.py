from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ReportCase


@tagged("post_install", "-at_install")
class TestSecurity(ReportCase):
    def _writeoff(self):
        self.put(self.store_stock, 10)
        self.count(self.store_stock, 7, self.reason_damage)
        self.refresh()
        self.env["omni.stock.alert"].scan(kinds=["count_variance"], companies=self.company)

    def test_values_need_the_finance_right(self):
        self._writeoff()
        Report = self.env["omni.stock.writeoff.report"]
        mine = [("product_id", "=", self.tee.id)]
        row = Report.with_user(self.ops).search(mine)
        self.assertEqual(row.quantity, -3)
        with self.assertRaises(AccessError):
            row.read(["value"])
        with self.assertRaises(AccessError):
            Report.with_user(self.ops).read_group(mine, ["loss_value:sum"], [])
        self.assertEqual(Report.with_user(self.finance).search(mine).loss_value, 30)
        # the export leaves the value column out for them
        wizard = self.env["omni.stock.writeoff.wizard"].with_user(self.ops).create({})
        headers = wizard._omni_xlsx_sheets()[0]["headers"]
        self.assertIn("Quantity", headers)
        self.assertNotIn("Value", headers)
        wizard = self.env["omni.stock.writeoff.wizard"].with_user(self.finance).create({})
        self.assertIn("Value", wizard._omni_xlsx_sheets()[0]["headers"])

    def test_company_b_sees_nothing_of_a(self):
        self._writeoff()
        self.put(self.store_stock, -1, self.cap)
        self.env["omni.stock.alert"].scan(companies=self.company)
        self.env["omni.stock.ats.snapshot"].take(channels=self.web)
        for model in ("omni.stock.kpi.value", "omni.stock.alert", "omni.stock.writeoff.report",
                      "omni.stock.ats.snapshot", "omni.stock.ats.snapshot.line"):
            self.assertTrue(self.env[model].search_count([("company_id", "=", self.company.id)]),
                            model)
            self.assertFalse(self.env[model].with_user(self.user_b).search([]), model)
        board = self.env["omni.stock.kpi.board"].with_user(self.user_b).create({})
        sheets = board._omni_xlsx_sheets()
        self.assertFalse(sheets[1]["rows"])
