# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmniStockAdjustmentThresholdMixin(models.AbstractModel):
    """Approval thresholds of stock adjustments (company, warehouse, reason).

    ``_omni_adj_limits`` is the override point: it returns the limits a record
    sets, as ``(quantity, value, window in hours)``; 0 means no limit.
    """

    _name = "omni.stock.adjustment.threshold.mixin"
    _description = "Stock Adjustment Approval Thresholds"

    omni_adj_threshold_qty = fields.Float(
        "Adjustment Quantity Threshold",
        digits="Product Unit of Measure",
        help="Adjustments whose absolute quantity exceeds this need approval (with the "
        "running total of the window). 0 = no limit.",
    )
    omni_adj_threshold_value = fields.Float(
        "Adjustment Value Threshold",
        help="Adjustments whose absolute value (cost x quantity) exceeds this need "
        "approval (with the running total of the window). 0 = no limit.",
    )
    omni_adj_window_hours = fields.Integer(
        "Running Total Window (hours)",
        default=24,
        help="Adjustments of the same product, location and user within this many hours "
        "add up: a change needs approval when the total including it exceeds a "
        "threshold. 0 = each change on its own.",
    )

    _sql_constraints = [
        (
            "omni_adj_thresholds_positive",
            "CHECK(omni_adj_threshold_qty >= 0 AND omni_adj_threshold_value >= 0 "
            "AND omni_adj_window_hours >= 0)",
            "Approval thresholds and their window cannot be negative.",
        ),
    ]

    def _omni_adj_limits(self):
        self.ensure_one()
        return (
            self.omni_adj_threshold_qty,
            self.omni_adj_threshold_value,
            self.omni_adj_window_hours,
        )


class OmniStockAdjustmentThresholdOverrideMixin(models.AbstractModel):
    """Thresholds that replace the company's when switched on (warehouse, reason)."""

    _name = "omni.stock.adjustment.threshold.override.mixin"
    _inherit = "omni.stock.adjustment.threshold.mixin"
    _description = "Stock Adjustment Approval Thresholds (overriding)"

    omni_adj_override_thresholds = fields.Boolean(
        "Own Adjustment Thresholds",
        help="Use the thresholds below instead of the company's (a reason's own thresholds "
        "win over a warehouse's).",
    )

    def _omni_adj_overrides(self):
        return bool(self) and self.omni_adj_override_thresholds
