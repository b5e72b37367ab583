# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class StockWarehouse(models.Model):
    """A warehouse may replace the company's adjustment thresholds with its own
    (a reason with its own thresholds still wins)."""

    _name = "stock.warehouse"
    _inherit = ["stock.warehouse", "omni.stock.adjustment.threshold.override.mixin"]
