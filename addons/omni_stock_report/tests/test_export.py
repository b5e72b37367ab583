from odoo.tests import tagged

from .common import ReportCase


@tagged("post_install", "-at_install")
class TestExport(ReportCase):
    """Exports are XLSX files (report_xlsx) of the rows the filters select, with the
    filters written above them."""

    def render(self, xmlid, records):
        content, fmt = self.env["ir.actions.report"].with_user(records.env.user)._render(
            xmlid, records.ids)
        self.assertEqual(fmt, "xlsx")
        return self.read_xlsx(content)

    def test_writeoffs_export_with_filters(self):
        self.put(self.store_stock, 10)
        self.put(self.stock, 10)
        self.count(self.store_stock, 8, self.reason_damage)
        self.count(self.stock, 9, self.reason_count)
        wizard = self.env["omni.stock.writeoff.wizard"].with_user(self.finance).create(
            {"warehouse_ids": [(6, 0, self.store.ids)]})
        sheets = self.render("omni_stock_report.action_report_writeoff_xlsx", wizard)
        rows = sheets["Write-offs"]
        self.assertEqual(rows[1][:2], ["Stores / warehouses", "Report Store"])
        header = rows.index(next(r for r in rows if r and r[0] == "Date"))
        data = [r for r in rows[header + 1:] if any(r)]
        self.assertEqual(len(data), 1)
        columns = rows[header]
        self.assertEqual(data[0][columns.index("Reason")], self.reason_damage.display_name)
        self.assertEqual(data[0][columns.index("Value")], -20)
        # the same filters open the same rows on screen
        action = wizard.action_show()
        shown = self.env[action["res_model"]].search(action["domain"])
        self.assertEqual(len(shown), 1)

    def test_kpi_board_export(self):
        self.put(self.stock, 10)
        self.put(self.store_stock, 10)
        self.move_done(self.stock, self.customers, 2)
        self.move_done(self.store_stock, self.customers, 5)
        board = self.env["omni.stock.kpi.board"].with_user(self.ops).create(
            {"warehouse_ids": [(6, 0, self.store.ids)],
             "kpi_ids": [(6, 0, self.env.ref(
                 "omni_stock_report.kpi_inventory_turnover").ids)]})
        board.action_refresh()
        sheets = self.render("omni_stock_report.action_report_kpi_board_xlsx", board)
        summary = sheets["KPIs"]
        self.assertIn(["Warehouses / stores", "Report Store"], [r[:2] for r in summary])
        row = next(r for r in summary if r[0] == "Inventory turnover (units)")
        self.assertAlmostEqual(row[1], 5 / 7.5)  # 5 shipped, on hand 10 then 5
        details = [r for r in sheets["By warehouse and channel"] if r and r[0] ==
                   "Inventory turnover (units)"]
        self.assertEqual([r[1] for r in details], ["Report Store"])

    def test_alert_export(self):
        self.put(self.store_stock, -1)
        alerts = self.env["omni.stock.alert"].scan(kinds=["negative_stock"],
                                                   companies=self.company)
        mine = alerts.filtered(lambda a: a.product_id == self.tee).with_user(self.ops)
        sheets = self.render("omni_stock_report.action_report_alert_xlsx", mine)
        rows = [r for r in sheets["Stock Alerts"] if r and r[0]]
        self.assertEqual(len(rows), 3)  # filter line, header, the alert
        self.assertIn(mine.name, rows[2])

    def test_each_export_is_a_report_of_its_own(self):
        """The download route finds a report by its name: a name shared by two exports
        downloads the first one's workbook for both."""
        reports = self.env["ir.actions.report"].search(
            [("report_type", "=", "xlsx"), ("report_name", "=like", "omni_stock%")])
        self.assertGreaterEqual(len(reports), 3)
        names = reports.mapped("report_name")
        self.assertEqual(len(names), len(set(names)), names)
        for report in reports:
            self.assertEqual(report._get_report_from_name(report.report_name), report)
            self.assertEqual(self.env[f"report.{report.report_name}"]._omni_export_model,
                             report.model, report.report_name)
