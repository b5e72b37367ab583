# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class OmniStockReportXlsx(models.AbstractModel):
    """Writes the sheets of ``omni.stock.report.export.mixin`` records (the whole
    recordset at once): the filters first, then the table."""

    _name = "report.omni_stock_report.export_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Omnichannel Report XLSX"

    def generate_xlsx_report(self, workbook, data, objs):
        bold = workbook.add_format({"bold": True})
        for sheet in objs._omni_xlsx_sheets():
            worksheet = workbook.add_worksheet(sheet["name"][:31])
            row = 0
            for label, value in sheet.get("filters", []):
                worksheet.write(row, 0, label, bold)
                worksheet.write(row, 1, value)
                row += 1
            if row:
                row += 1
            worksheet.write_row(row, 0, sheet["headers"], bold)
            worksheet.set_column(0, max(len(sheet["headers"]) - 1, 0), 18)
            for values in sheet["rows"]:
                row += 1
                worksheet.write_row(row, 0, values)
