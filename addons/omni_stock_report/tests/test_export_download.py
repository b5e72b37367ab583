from odoo.addons.omni_stock.tests.rpc import RpcMixin
from odoo.tests import HttpCase, tagged

from .common import FINANCE, REPORT_USER, ReportCase
from .download import XlsxDownloadMixin


@tagged("post_install", "-at_install")
class TestExportDownload(RpcMixin, XlsxDownloadMixin, ReportCase, HttpCase):
    """Each export downloads its own workbook, with its own file name, through the
    web client's route (``/report/download``), for the role that uses it: the store
    manager (KPIs and Alerts) and finance."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store_manager = cls.rpc_user("dl_store_manager", [REPORT_USER])
        cls.finance_user = cls.rpc_user("dl_finance", [FINANCE])

    def test_kpi_board(self):
        self.put(self.stock, 10)
        self.put(self.store_stock, 10)
        self.move_done(self.store_stock, self.customers, 5)
        turnover = self.env.ref("omni_stock_report.kpi_inventory_turnover")
        Board = "omni.stock.kpi.board"
        board_id = self.rpc(self.store_manager, Board, "create", {
            "warehouse_ids": [(6, 0, self.store.ids)], "kpi_ids": [(6, 0, turnover.ids)]})
        self.rpc(self.store_manager, Board, "action_refresh", [board_id])
        action = self.rpc(self.store_manager, Board, "action_export_xlsx", [board_id])
        name, sheets = self.download_xlsx(self.store_manager, action)
        board = self.env[Board].browse(board_id)
        self.assertEqual(name, f"KPIs {board.date_from} - {board.date_to}.xlsx")
        self.assertEqual(list(sheets), ["KPIs", "By warehouse and channel"])
        self.assertIn(["Warehouses / stores", "Report Store"],
                      [row[:2] for row in sheets["KPIs"]])
        headers, rows = self.table(sheets["KPIs"], "KPI")
        self.assertEqual(headers, ["KPI", "Value", "Unit", "Numerator", "Denominator",
                                   "Status", "Definition"])
        self.assertEqual([row[0] for row in rows], ["Inventory turnover (units)"])
        self.assertAlmostEqual(rows[0][1], 5 / 7.5)  # 5 shipped, on hand 10 then 5

    def test_writeoffs_values_for_finance_only(self):
        self.put(self.store_stock, 10)
        self.count(self.store_stock, 8, self.reason_damage)
        Wizard = "omni.stock.writeoff.wizard"
        for user, value_shown in ((self.store_manager, False), (self.finance_user, True)):
            wizard_id = self.rpc(user, Wizard, "create",
                                 {"warehouse_ids": [(6, 0, self.store.ids)]})
            action = self.rpc(user, Wizard, "action_export_xlsx", [wizard_id])
            name, sheets = self.download_xlsx(user, action)
            wizard = self.env[Wizard].browse(wizard_id)
            self.assertEqual(name, f"Write-offs {wizard.date_from} - {wizard.date_to}.xlsx")
            self.assertEqual(list(sheets), ["Write-offs"])
            headers, rows = self.table(sheets["Write-offs"], "Date")
            self.assertEqual(len(rows), 1)
            row = dict(zip(headers, rows[0], strict=False))
            self.assertEqual((row["Reason"], row["Quantity"]),
                             (self.reason_damage.display_name, -2))
            self.assertEqual("Value" in headers, value_shown, user.login)
            if value_shown:
                self.assertEqual(row["Value"], -20)

    def test_alerts_from_the_print_menu(self):
        self.put(self.store_stock, -1)
        alerts = self.env["omni.stock.alert"].scan(kinds=["negative_stock"],
                                                   companies=self.company)
        mine = alerts.filtered(lambda alert: alert.product_id == self.tee)
        action = self.print_action(self.store_manager,
                                   "omni_stock_report.action_report_alert_xlsx", mine)
        name, sheets = self.download_xlsx(self.store_manager, action)
        self.assertEqual(name, "Stock alerts.xlsx")
        self.assertEqual(list(sheets), ["Stock Alerts"])
        headers, rows = self.table(sheets["Stock Alerts"], "Raised On")
        self.assertEqual(headers[:5], ["Raised On", "Kind", "Name", "Figure", "State"])
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0][headers.index("Name")], mine.name)
