# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import calendar

from odoo import api, fields, models
from odoo.addons.omni_stock_adjustment.tools import reads_values


class OmniStockKpiBoard(models.TransientModel):
    """Period and filters of the KPI board: recompute, show, export."""

    _name = "omni.stock.kpi.board"
    _inherit = "omni.stock.report.filter"
    _description = "KPI Board Filters"
    _omni_report_model = "omni.stock.kpi.value"
    _omni_report_action = "omni_stock_report.action_omni_stock_kpi_value"
    _omni_xlsx_action = "omni_stock_report.action_report_kpi_board_xlsx"

    @api.model
    def _default_date_from(self):
        return fields.Date.context_today(self).replace(day=1)

    @api.model
    def _default_date_to(self):
        today = fields.Date.context_today(self)
        return today.replace(day=calendar.monthrange(today.year, today.month)[1])

    date_from = fields.Date(required=True, default=lambda self: self._default_date_from())
    date_to = fields.Date(required=True, default=lambda self: self._default_date_to())
    kpi_ids = fields.Many2many("omni.stock.kpi", string="KPIs")
    warehouse_ids = fields.Many2many("stock.warehouse", string="Warehouses / Stores")
    stores_only = fields.Boolean()
    channel_ids = fields.Many2many("omni.channel", string="Channels")

    def _omni_domain(self):
        self.ensure_one()
        domain = [("date", ">=", self.date_from), ("date", "<=", self.date_to)]
        if self.kpi_ids:
            domain.append(("kpi_id", "in", self.kpi_ids.ids))
        if self.warehouse_ids:
            domain.append(("warehouse_id", "in", self.warehouse_ids.ids))
        if self.stores_only:
            domain.append(("warehouse_id.omni_is_store", "=", True))
        if self.channel_ids:
            domain.append(("channel_id", "in", self.channel_ids.ids))
        return domain

    def _omni_filter_lines(self):
        self.ensure_one()
        everything = self.env._("all")
        return [
            (self.env._("Period"), f"{self.date_from} – {self.date_to}"),
            (self.env._("KPIs"), ", ".join(self.kpi_ids.mapped("name")) or everything),
            (self.env._("Warehouses / stores"),
             ", ".join(self.warehouse_ids.mapped("name")) or everything),
            (self.env._("Stores only"), self.env._("yes") if self.stores_only else
             self.env._("no")),
            (self.env._("Channels"), ", ".join(self.channel_ids.mapped("name")) or everything),
            (self.env._("Companies"), ", ".join(self.env.companies.mapped("name"))),
        ]

    def _omni_title(self):
        return self.env._("KPI Board")

    def action_refresh(self):
        self.ensure_one()
        self.env["omni.stock.kpi"].refresh(self.date_from, self.date_to)
        return self.action_show()

    def _omni_summary(self, groupby):
        """[(kpi, other group values..., value, numerator, denominator)] over the filters
        (``groupby`` starts with ``kpi_id``): the numerator and denominator of a KPI of
        amounts for finance only, "" for anybody else."""
        Value = self.env["omni.stock.kpi.value"]
        finance = reads_values(self.env)
        aggregates = ["value:avg", "numerator:sum", "denominator:sum"]
        if finance:
            aggregates += ["value_numerator:sum", "value_denominator:sum"]
        rows = []
        for row in Value._read_group(self._omni_domain(), groupby, aggregates,
                                     order=", ".join(groupby)):
            keys, figures = row[:len(groupby)], row[len(groupby):]
            value, num, den = figures[:3]
            if keys[0].value_based:
                num, den = figures[3:] if finance else ("", "")
            rows.append((*keys, value, num, den))
        return rows

    def _omni_xlsx_sheets(self):
        self.ensure_one()
        filters = self._omni_filter_lines()
        kpis = self.kpi_ids or self.env["omni.stock.kpi"].search([("active", "=", True)])
        figures = {kpi: (value, num, den)
                   for kpi, value, num, den in self._omni_summary(["kpi_id"])}
        summary = []
        for kpi in kpis:
            value, num, den = figures.get(kpi, (False, 0.0, 0.0))
            missing = value is None or value is False
            status = kpi.availability if not kpi.available else (
                self.env._("no data in the period") if missing else "")
            hidden = kpi.value_based and not reads_values(self.env)
            summary.append([kpi.name, "" if missing else value,
                            dict(kpi._fields["unit"]._description_selection(self.env))[
                                kpi.unit],
                            num or 0.0 if kpi.available and not hidden else "",
                            den or 0.0 if kpi.available and not hidden else "",
                            status, kpi.description or ""])
        details = [
            [kpi.name, warehouse.display_name or "", channel.display_name or "",
             "" if value is None or value is False else value, num, den]
            for kpi, warehouse, channel, value, num, den in self._omni_summary(
                ["kpi_id", "warehouse_id", "channel_id"])
            if kpi.available
        ]
        return [
            {"name": self.env._("KPIs"), "filters": filters,
             "headers": [self.env._("KPI"), self.env._("Value"), self.env._("Unit"),
                         self.env._("Numerator"), self.env._("Denominator"),
                         self.env._("Status"), self.env._("Definition")],
             "rows": summary},
            {"name": self.env._("By warehouse and channel"), "filters": filters,
             "headers": [self.env._("KPI"), self.env._("Warehouse / store"),
                         self.env._("Channel"), self.env._("Value"), self.env._("Numerator"),
                         self.env._("Denominator")],
             "rows": details},
        ]
