# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError


class OmniStockReportXlsx(models.AbstractModel):
    """Writes the sheets of ``omni.stock.report.export.mixin`` records (the whole
    recordset at once): the filters first, then the table.

    Each export is a report of its own: an ``ir.actions.report`` with its own
    ``report_name`` and a model ``report.<report_name>`` inheriting this one that
    names the model it exports (``_omni_export_model``). The download route
    (``/report/xlsx/<report_name>/<ids>``) finds the report by that name only, so
    two exports sharing a name would both download the first one's workbook.
    """

    _name = "report.omni_stock_report.export_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Omnichannel Report XLSX"

    _omni_export_model = None  # the model whose records this report exports

    def _get_objs_for_report(self, docids, data):
        objs = super()._get_objs_for_report(docids, data)
        if objs._name != self._omni_export_model:
            raise UserError(self.env._(
                "The export %(report)s writes %(expected)s records, not %(model)s.",
                report=self._description, expected=self._omni_export_model,
                model=objs._name))
        return objs

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
