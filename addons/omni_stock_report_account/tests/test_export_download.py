from odoo.addons.omni_stock.tests.rpc import RpcMixin
from odoo.addons.omni_stock_report.tests.download import XlsxDownloadMixin
from odoo.tests import HttpCase, tagged

from .common import FINANCE, FinanceCase


@tagged("post_install", "-at_install")
class TestFinanceExportDownload(RpcMixin, XlsxDownloadMixin, FinanceCase, HttpCase):
    """Finance downloads the valuation, a reconciliation and a period close through
    the web client's route: each its own workbook with its own file name (they all
    used to download the alerts)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.finance_user = cls.rpc_user("dl_finance_account", [FINANCE])

    def test_valuation_wizard_export(self):
        self.receive(10, 5.0)
        Wizard = "omni.stock.valuation.wizard"
        wizard_id = self.rpc(self.finance_user, Wizard, "create", {
            "warehouse_ids": [(6, 0, self.warehouse.ids)], "categ_ids": [(6, 0, self.categ.ids)]})
        action = self.rpc(self.finance_user, Wizard, "action_export_xlsx", [wizard_id])
        name, sheets = self.download_xlsx(self.finance_user, action)
        self.assertEqual(name, "Valuation by status now.xlsx")
        self.assertEqual(list(sheets), ["Summary", "Valuation by Status"])
        self.assertEqual(sheets["Summary"][0][:2], ["At", "now"])
        headers, rows = self.table(sheets["Summary"], "Warehouse")
        self.assertEqual(headers, ["Warehouse", "Status", "Product Category", "Quantity",
                                   "Value"])
        self.assertEqual(rows, [["Report Central", "Sellable", "Report Apparel", 10, 50]])
        headers, rows = self.table(sheets["Valuation by Status"], "Warehouse")
        self.assertIn("Value", headers)
        row = dict(zip(headers, rows[0], strict=False))
        self.assertEqual((row["Product"], row["Quantity"], row["Value"]),
                         ("[RPT-TEE] Report Tee", 10, 50))

    def test_reconciliation_from_the_print_menu(self):
        self.receive(10, 5.0)
        self.put(self.stock, 2)  # found without a stock move: unexplained
        Reconciliation = "omni.stock.reconciliation"
        rec_id = self.rpc(self.finance_user, Reconciliation, "create",
                          {"warehouse_id": self.warehouse.id})
        self.rpc(self.finance_user, Reconciliation, "action_compute", [rec_id])
        reconciliation = self.env[Reconciliation].browse(rec_id)
        action = self.print_action(
            self.finance_user, "omni_stock_report_account.action_report_reconciliation_xlsx",
            reconciliation)
        name, sheets = self.download_xlsx(self.finance_user, action)
        self.assertEqual(name, f"Reconciliation {reconciliation.name}.xlsx")
        self.assertEqual(list(sheets), [reconciliation.name[:31]])
        rows = sheets[reconciliation.name[:31]]
        self.assertEqual(rows[1][:2], ["Warehouse", "Report Central"])
        headers, lines = self.table(rows, "Leg")
        self.assertIn("Difference (value)", headers)
        tee = [dict(zip(headers, line, strict=False)) for line in lines
               if "[RPT-TEE] Report Tee" in line]
        self.assertEqual([(line["Cause"], line["Difference (qty)"]) for line in tee],
                         [("Unexplained", 2)])

    def test_period_close_from_the_print_menu(self):
        Close = "omni.stock.period.close"
        close_id = self.rpc(self.finance_user, Close, "create",
                            {"date_from": str(self.today.replace(day=1)),
                             "date_to": str(self.today)})
        self.rpc(self.finance_user, Close, "action_check", [close_id])
        close = self.env[Close].browse(close_id)
        action = self.print_action(
            self.finance_user, "omni_stock_report_account.action_report_period_close_xlsx",
            close)
        name, sheets = self.download_xlsx(self.finance_user, action)
        self.assertEqual(name, f"Period close {self.today}.xlsx")
        self.assertEqual(list(sheets), [f"Close {self.today}"])
        headers, rows = self.table(sheets[f"Close {self.today}"], "Name")
        self.assertEqual(headers, ["Name", "State", "Count", "Detail"])
        self.assertEqual([row[0] for row in rows], close.check_ids.mapped("name"))
