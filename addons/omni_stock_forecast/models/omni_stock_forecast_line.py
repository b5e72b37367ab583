# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One week of a forecast and its parts.

figure = level + trend + season + promotion + stockout correction + override,
exactly: every part is stored with two decimals (a numeric column) and the figure
is their sum, so the parts add up to the cent in the database, in the views and in
every export. ``system_qty`` is the figure before the planner's override;
``naive_qty`` what seasonal naive said; both are measured against the actual
demand once the week is over.
"""

import datetime

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .omni_stock_forecast_series import METHOD_SELECTION

PLANNER = "omni_stock_forecast.group_omni_forecast_planner"
QTY = (16, 2)


class OmniStockForecastLine(models.Model):
    _name = "omni.stock.forecast.line"
    _description = "Weekly Demand Forecast"
    _order = "week_start, warehouse_id, product_id"
    _rec_name = "week_start"

    series_id = fields.Many2one(
        "omni.stock.forecast.series", required=True, readonly=True, index=True,
        ondelete="cascade")
    run_id = fields.Many2one("omni.stock.forecast.run", readonly=True, ondelete="set null")
    product_id = fields.Many2one("product.product", required=True, readonly=True, index=True)
    categ_id = fields.Many2one("product.category", "Product Category", readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", required=True, readonly=True, index=True)
    location_id = fields.Many2one("stock.location", readonly=True)
    channel_id = fields.Many2one("omni.channel", readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    week_start = fields.Date("Week", required=True, readonly=True, index=True,
                             help="Monday of the week (UTC).")
    lag = fields.Integer(readonly=True, help="Weeks ahead when forecast (1: the week the "
                         "run was in).")
    method = fields.Selection(METHOD_SELECTION, readonly=True)
    level = fields.Float(readonly=True, digits=QTY, aggregator="sum")
    trend = fields.Float(readonly=True, digits=QTY, aggregator="sum")
    season = fields.Float(readonly=True, digits=QTY, aggregator="sum")
    promotion = fields.Float(readonly=True, digits=QTY, aggregator="sum")
    stockout = fields.Float("Stockout Correction", readonly=True, digits=QTY, aggregator="sum")
    override = fields.Float(readonly=True, digits=QTY, aggregator="sum")
    figure = fields.Float("Forecast", readonly=True, digits=QTY, aggregator="sum")
    system_qty = fields.Float("System Forecast", readonly=True, digits=QTY, aggregator="sum",
                              help="The forecast before the planner's override.")
    naive_qty = fields.Float("Seasonal Naive", readonly=True, digits=QTY, aggregator="sum")
    override_qty = fields.Float("Override To", readonly=True, digits=QTY, aggregator="sum")
    override_active = fields.Boolean("Overridden", readonly=True, index=True)
    override_reason = fields.Char(readonly=True)
    override_user_id = fields.Many2one("res.users", readonly=True)
    override_date = fields.Datetime(readonly=True)
    is_promo = fields.Boolean("Promotion Week", readonly=True)
    is_future = fields.Boolean(compute="_compute_is_future", search="_search_is_future")
    # measured once the week is over
    measured = fields.Boolean(readonly=True, index=True)
    actual_known = fields.Boolean(
        readonly=True, help="False: the week had stockout days, its demand is unknown.")
    actual_qty = fields.Float("Actual Demand", readonly=True, digits=QTY, aggregator="sum")
    abs_error = fields.Float(readonly=True, digits=QTY, aggregator="sum")
    system_abs_error = fields.Float(readonly=True, digits=QTY, aggregator="sum")
    naive_abs_error = fields.Float(readonly=True, digits=QTY, aggregator="sum")

    def _current_week(self):
        today = fields.Date.context_today(self)
        return today - datetime.timedelta(days=today.weekday())

    def _compute_is_future(self):
        week = self._current_week()
        for line in self:
            line.is_future = line.week_start >= week

    def _search_is_future(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search upcoming weeks with = True or = False."))
        upcoming = (operator == "=") == value
        return [("week_start", ">=" if upcoming else "<", self._current_week())]

    def _prepare_override_vals(self, quantity, reason):
        """Values of an override to ``quantity`` units: the override part is what the
        other parts miss (or have too much), so the parts still add up."""
        self.ensure_one()
        others = round(self.system_qty, 2)
        return {
            "override_active": True, "override_qty": quantity,
            "override": round(quantity - others, 2), "figure": quantity,
            "override_reason": reason, "override_user_id": self.env.uid,
            "override_date": fields.Datetime.now(),
        }

    def _ensure_can_override(self, quantity, reason):
        if not self.env.user.has_group(PLANNER):
            raise AccessError(self.env._("Only demand planners can override a forecast."))
        self.check_access("read")
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for the override."))
        if quantity is None or quantity < 0:
            raise ValidationError(self.env._("An override is a quantity of zero or more."))
        week = self._current_week()
        if any(line.week_start < week for line in self):
            raise UserError(self.env._("Past weeks cannot be overridden."))

    def action_override(self, quantity, reason):
        """Set the forecast of these weeks to ``quantity`` units, with a reason (logged)."""
        quantity = round(float(quantity), 2) if quantity is not None else None
        self._ensure_can_override(quantity, reason)
        reason = reason.strip()
        Log = self.env["omni.stock.forecast.override"].sudo()
        # the planner's right and company were checked above
        for line in self.sudo():
            Log.create({
                "line_id": line.id, "series_id": line.series_id.id,
                "company_id": line.company_id.id, "week_start": line.week_start,
                "before_qty": line.figure, "after_qty": quantity,
                "system_qty": line.system_qty, "reason": reason, "user_id": self.env.uid,
            })
            line.write(line._prepare_override_vals(quantity, reason))
        return True

    def action_clear_override(self, reason):
        self._ensure_can_override(0.0, reason)
        Log = self.env["omni.stock.forecast.override"].sudo()
        for line in self.sudo().filtered("override_active"):
            Log.create({
                "line_id": line.id, "series_id": line.series_id.id,
                "company_id": line.company_id.id, "week_start": line.week_start,
                "before_qty": line.figure, "after_qty": line.system_qty,
                "system_qty": line.system_qty, "reason": reason.strip(),
                "user_id": self.env.uid,
            })
            line.write({"override_active": False, "override": 0.0, "override_qty": 0.0,
                        "figure": line.system_qty, "override_reason": False})
        return True

    @api.model
    def _parts_sum_error(self, domain=None):
        """Largest |Σ parts - figure| over the lines (0 when the parts add up)."""
        query = self._search(domain or [])
        self.env.flush_all()
        self.env.cr.execute(query.select(
            "COALESCE(MAX(ABS(level + trend + season + promotion + stockout + override"
            " - figure)), 0)"))
        return float(self.env.cr.fetchone()[0])
