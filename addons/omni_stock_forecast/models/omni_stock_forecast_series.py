# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..tools.forecast import METHODS

METHOD_SELECTION = [
    ("seasonal_naive", "Seasonal naive"),
    ("moving_average", "Moving average"),
    ("ses", "Exponential smoothing"),
    ("holt", "Holt (trend)"),
    ("holt_winters", "Holt-Winters (trend, season)"),
    ("tsb", "Croston / TSB (intermittent)"),
]
assert tuple(code for code, _label in METHOD_SELECTION) == METHODS


class OmniStockForecastSeries(models.Model):
    """One demand series: a product sold from a warehouse (the stock location of
    the warehouse), or through a channel whose demand is its own.

    Written by the forecast run only (no one has a write right): the method it
    chose and the backtest errors of every method."""

    _name = "omni.stock.forecast.series"
    _description = "Demand Forecast Series"
    _order = "warehouse_id, product_id, channel_id"

    product_id = fields.Many2one(
        "product.product", required=True, readonly=True, index=True, ondelete="cascade")
    categ_id = fields.Many2one(
        related="product_id.categ_id", store=True, string="Product Category")
    warehouse_id = fields.Many2one(
        "stock.warehouse", required=True, readonly=True, index=True, ondelete="cascade")
    location_id = fields.Many2one(
        "stock.location", readonly=True, help="The warehouse's stock location.")
    channel_id = fields.Many2one(
        "omni.channel", readonly=True, index=True, ondelete="cascade",
        help="Set when the channel's demand is a series of its own.")
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    method = fields.Selection(
        METHOD_SELECTION, readonly=True,
        help="The method that beat seasonal naive in the backtest, else seasonal naive.")
    mae_seasonal_naive = fields.Float("Error: Seasonal Naive", readonly=True, digits=(16, 3))
    mae_moving_average = fields.Float("Error: Moving Average", readonly=True, digits=(16, 3))
    mae_ses = fields.Float("Error: Exponential Smoothing", readonly=True, digits=(16, 3))
    mae_holt = fields.Float("Error: Holt", readonly=True, digits=(16, 3))
    mae_holt_winters = fields.Float("Error: Holt-Winters", readonly=True, digits=(16, 3))
    mae_tsb = fields.Float("Error: Croston / TSB", readonly=True, digits=(16, 3))
    backtest_weeks = fields.Integer(
        readonly=True, help="Known weeks the backtest scored (stockout and promotion weeks "
        "are unknown).")
    history_weeks = fields.Integer(readonly=True)
    censored_weeks = fields.Integer(
        readonly=True, help="Weeks of the history with stockout days (demand unknown or "
        "scaled to the days in stock).")
    promo_weeks = fields.Integer(readonly=True)
    run_id = fields.Many2one("omni.stock.forecast.run", "Last Run", readonly=True)
    line_ids = fields.One2many("omni.stock.forecast.line", "series_id", readonly=True)
    upcoming_line_ids = fields.One2many(
        "omni.stock.forecast.line", "series_id", domain=[("is_future", "=", True)],
        string="Forecast", readonly=True)
    next_13_weeks = fields.Float(
        compute="_compute_next_13_weeks", digits=(16, 2))

    _sql_constraints = [
        ("series_uniq", "unique NULLS NOT DISTINCT (product_id, warehouse_id, channel_id)",
         "One series per product, warehouse and channel."),
    ]

    @api.depends("product_id", "warehouse_id", "channel_id")
    def _compute_display_name(self):
        for series in self:
            parts = [series.product_id.display_name, series.warehouse_id.name]
            if series.channel_id:
                parts.append(series.channel_id.name)
            series.display_name = " / ".join(p for p in parts if p)

    @api.depends("upcoming_line_ids.figure")
    def _compute_next_13_weeks(self):
        for series in self:
            series.next_13_weeks = sum(series.upcoming_line_ids.mapped("figure"))

    def action_open_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "omni_stock_forecast.action_omni_stock_forecast_line")
        action["domain"] = [("series_id", "=", self.id)]
        action["context"] = {}
        return action
