# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class OmniStockReportFilter(models.AbstractModel):
    """Filters of a report, shared by *Show* (the pivot/list with these filters)
    and *Export XLSX* (the same rows, with the filters written on the sheet)."""

    _name = "omni.stock.report.filter"
    _inherit = "omni.stock.report.export.mixin"
    _description = "Omnichannel Report Filters"

    _omni_report_model = None
    _omni_report_action = None  # xmlid of the act_window to open
    _omni_xlsx_action = None  # xmlid of the ir.actions.report

    def _omni_domain(self):
        return []

    def _omni_context(self):
        return {}

    def _omni_filter_lines(self):
        """[(label, value)] describing the filters, for the export."""
        return []

    def _omni_export_fields(self):
        return []

    def _omni_title(self):
        return self.env[self._omni_report_model]._description

    def _omni_records(self):
        self.ensure_one()
        return self.env[self._omni_report_model].with_context(**self._omni_context()).search(
            self._omni_domain())

    def action_show(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(self._omni_report_action)
        action["domain"] = self._omni_domain()
        action["context"] = self._omni_context()
        action["display_name"] = self._omni_title()
        return action

    def action_export_xlsx(self):
        self.ensure_one()
        return self.env.ref(self._omni_xlsx_action).report_action(self)

    def _omni_xlsx_sheets(self):
        self.ensure_one()
        headers, rows = self._omni_table(self._omni_records(), self._omni_export_fields())
        return [{
            "name": self._omni_title(),
            "filters": self._omni_filter_lines(),
            "headers": headers,
            "rows": rows,
        }]
