# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo import api, fields, models
from odoo.addons.omni_stock_adjustment.models.omni_stock_adjustment_reason import CATEGORIES


class OmniStockWriteoffWizard(models.TransientModel):
    """Filters of the write-off report: show or export."""

    _name = "omni.stock.writeoff.wizard"
    _inherit = "omni.stock.report.filter"
    _description = "Write-offs Filters"
    _omni_report_model = "omni.stock.writeoff.report"
    _omni_report_action = "omni_stock_report.action_omni_stock_writeoff_report"
    _omni_xlsx_action = "omni_stock_report.action_report_writeoff_xlsx"

    @api.model
    def _default_date_from(self):
        return fields.Date.context_today(self).replace(day=1)

    date_from = fields.Date(required=True, default=lambda self: self._default_date_from())
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    warehouse_ids = fields.Many2many("stock.warehouse", string="Stores / Warehouses")
    reason_ids = fields.Many2many("omni.stock.adjustment.reason", string="Reasons")
    reason_category = fields.Selection(CATEGORIES)
    user_ids = fields.Many2many("res.users", string="Requested By")
    losses_only = fields.Boolean(default=True, help="Only negative changes (write-offs).")

    def _omni_domain(self):
        self.ensure_one()
        end = datetime.datetime.combine(self.date_to + datetime.timedelta(days=1),
                                        datetime.time.min)
        domain = [("date", ">=", fields.Datetime.to_datetime(self.date_from)),
                  ("date", "<", end)]
        if self.warehouse_ids:
            domain.append(("warehouse_id", "in", self.warehouse_ids.ids))
        if self.reason_ids:
            domain.append(("reason_id", "in", self.reason_ids.ids))
        if self.reason_category:
            domain.append(("reason_category", "=", self.reason_category))
        if self.user_ids:
            domain.append(("user_id", "in", self.user_ids.ids))
        if self.losses_only:
            domain.append(("quantity", "<", 0))
        return domain

    def _omni_filter_lines(self):
        self.ensure_one()
        everything = self.env._("all")
        categories = dict(self._fields["reason_category"]._description_selection(self.env))
        return [
            (self.env._("Period"), f"{self.date_from} – {self.date_to}"),
            (self.env._("Stores / warehouses"),
             ", ".join(self.warehouse_ids.mapped("name")) or everything),
            (self.env._("Reasons"), ", ".join(self.reason_ids.mapped("display_name"))
             or everything),
            (self.env._("Reason category"), categories.get(self.reason_category, everything)),
            (self.env._("Requested by"), ", ".join(self.user_ids.mapped("name")) or everything),
            (self.env._("Write-offs only"), self.env._("yes") if self.losses_only
             else self.env._("no")),
        ]

    def _omni_title(self):
        return self.env._("Write-offs")

    def _omni_export_fields(self):
        return ["date", "warehouse_id", "location_id", "product_id", "categ_id", "reason_id",
                "reason_category", "source", "user_id", "approver_id", "quantity", "value"]
