# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmniStockForecastOverride(models.Model):
    """Append-only log of planners' overrides (created by the override action only)."""

    _name = "omni.stock.forecast.override"
    _description = "Forecast Override Log"
    _order = "id desc"

    line_id = fields.Many2one("omni.stock.forecast.line", readonly=True, ondelete="set null")
    series_id = fields.Many2one(
        "omni.stock.forecast.series", required=True, readonly=True, index=True,
        ondelete="cascade")
    product_id = fields.Many2one(related="series_id.product_id")
    warehouse_id = fields.Many2one(related="series_id.warehouse_id")
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    week_start = fields.Date("Week", readonly=True)
    system_qty = fields.Float("System Forecast", readonly=True, digits=(16, 2))
    before_qty = fields.Float("Before", readonly=True, digits=(16, 2))
    after_qty = fields.Float("After", readonly=True, digits=(16, 2))
    reason = fields.Char(required=True, readonly=True)
    user_id = fields.Many2one("res.users", "Planner", required=True, readonly=True)
    date = fields.Datetime(default=fields.Datetime.now, readonly=True)
