# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from ..tools import is_trusted


class StockWarehouse(models.Model):
    """A warehouse may replace the company's adjustment thresholds with its own
    (a reason with its own thresholds still wins). Its stock stays in it: the
    view location of a warehouse holding stock is not replaced."""

    _name = "stock.warehouse"
    _inherit = ["stock.warehouse", "omni.stock.adjustment.threshold.override.mixin"]

    def write(self, vals):
        if "view_location_id" in vals and not is_trusted(self.env):
            # the stock below the old view location would leave the warehouse
            self.filtered(
                lambda warehouse: warehouse.view_location_id.id != vals["view_location_id"]
            ).view_location_id._omni_check_holds_no_stock()
        return super().write(vals)
