# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo import api, fields, models


class OmniStockReportExportMixin(models.AbstractModel):
    """Something that exports to XLSX (``report.omni_stock_report.export_xlsx``).

    ``_omni_xlsx_sheets()`` returns the sheets to write, each a dict with ``name``,
    ``filters`` (list of (label, value) written above the table), ``headers`` and
    ``rows``.  Columns the user may not read (e.g. values without the finance
    right) are left out by :meth:`_omni_table`.
    """

    _name = "omni.stock.report.export.mixin"
    _description = "Omnichannel Report XLSX Export"

    def _omni_xlsx_sheets(self):
        raise NotImplementedError

    @api.model
    def _omni_table(self, records, field_names):
        """(headers, rows) of ``records`` for the readable fields of ``field_names``."""
        names = [name for name in field_names if records._fields[name].is_accessible(self.env)]
        headers = [records._fields[name]._description_string(self.env) for name in names]
        rows = [[self._omni_cell(record, name) for name in names] for record in records]
        return headers, rows

    @api.model
    def _omni_local_time(self, value):
        """A moment as the reader's screens show it: in their time zone (the user's,
        else UTC), never the database's UTC."""
        if not value:
            return ""
        return fields.Datetime.to_string(fields.Datetime.context_timestamp(self, value))

    @api.model
    def _omni_cell(self, record, name):
        field = record._fields[name]
        value = record[name]
        if field.type in ("many2one", "reference"):
            return value.display_name if value else ""
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, "") if value else ""
        if field.type in ("many2many", "one2many"):
            return ", ".join(value.mapped("display_name"))
        if field.type == "datetime":
            return self._omni_local_time(value)
        if isinstance(value, datetime.date):
            return fields.Date.to_string(value)
        if value is False and field.type not in ("boolean", "float", "integer", "monetary"):
            return ""
        return value
