# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    omni_adj_override_thresholds = fields.Boolean(
        "Own Adjustment Thresholds",
        help="Use the thresholds below instead of the company's for adjustments in this "
        "warehouse (a reason with its own thresholds still wins).",
    )
    omni_adj_threshold_qty = fields.Float(
        "Adjustment Quantity Threshold", digits="Product Unit of Measure"
    )
    omni_adj_threshold_value = fields.Float("Adjustment Value Threshold")

    _sql_constraints = [
        (
            "omni_adj_thresholds_positive",
            "CHECK(omni_adj_threshold_qty >= 0 AND omni_adj_threshold_value >= 0)",
            "Approval thresholds cannot be negative.",
        ),
    ]
