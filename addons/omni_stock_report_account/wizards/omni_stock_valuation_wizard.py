# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..report.omni_stock_valuation_report import CONTEXT_KEY, VALUATION_STATUSES


class OmniStockValuationWizard(models.TransientModel):
    """Date and filters of the valuation by status: show or export."""

    _name = "omni.stock.valuation.wizard"
    _inherit = "omni.stock.report.filter"
    _description = "Valuation by Status Filters"
    _omni_report_model = "omni.stock.valuation.report"
    _omni_report_action = "omni_stock_report_account.action_omni_stock_valuation_report"
    _omni_xlsx_action = "omni_stock_report_account.action_report_valuation_xlsx"

    at_date = fields.Datetime(
        "At", help="Valuation at this moment; empty: now (current stock and layers)."
    )
    warehouse_ids = fields.Many2many("stock.warehouse", string="Warehouses / Stores")
    categ_ids = fields.Many2many("product.category", string="Product Categories")
    status = fields.Selection(VALUATION_STATUSES)

    def _omni_context(self):
        self.ensure_one()
        return {CONTEXT_KEY: fields.Datetime.to_string(self.at_date)} if self.at_date else {}

    def _omni_domain(self):
        self.ensure_one()
        domain = []
        if self.warehouse_ids:
            domain.append(("warehouse_id", "in", self.warehouse_ids.ids))
        if self.categ_ids:
            domain.append(("categ_id", "child_of", self.categ_ids.ids))
        if self.status:
            domain.append(("status", "=", self.status))
        return domain

    def _omni_title(self):
        self.ensure_one()
        if self.at_date:
            return self.env._("Valuation at %s", self._omni_local_time(self.at_date))
        return self.env._("Valuation by Status")

    def _omni_filter_lines(self):
        self.ensure_one()
        everything = self.env._("all")
        statuses = dict(self._fields["status"]._description_selection(self.env))
        return [
            (self.env._("At"), self._omni_local_time(self.at_date) or self.env._("now")),
            (self.env._("Warehouses / stores"),
             ", ".join(self.warehouse_ids.mapped("name")) or everything),
            (self.env._("Product categories"),
             ", ".join(self.categ_ids.mapped("display_name")) or everything),
            (self.env._("Status"), statuses.get(self.status, everything)),
            (self.env._("Companies"), ", ".join(self.env.companies.mapped("name"))),
        ]

    def _omni_export_fields(self):
        return ["warehouse_id", "status", "categ_id", "product_id", "quantity", "unit_cost",
                "value"]

    def _omni_xlsx_sheets(self):
        self.ensure_one()
        sheets = super()._omni_xlsx_sheets()
        Report = self.env[self._omni_report_model].with_context(**self._omni_context())
        groups = Report._read_group(
            self._omni_domain(), ["warehouse_id", "status", "categ_id"],
            ["quantity:sum", "value:sum"])
        statuses = dict(Report._fields["status"]._description_selection(self.env))
        summary = {
            "name": self.env._("Summary"),
            "filters": self._omni_filter_lines(),
            "headers": [self.env._("Warehouse"), self.env._("Status"),
                        self.env._("Product Category"), self.env._("Quantity"),
                        self.env._("Value")],
            "rows": [[warehouse.display_name or "", statuses.get(status, ""),
                      categ.display_name or "", quantity, value]
                     for warehouse, status, categ, quantity, value in groups],
        }
        return [summary] + sheets
