# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class StockInventoryAdjustmentName(models.TransientModel):
    _name = "stock.inventory.adjustment.name"
    _inherit = ["stock.inventory.adjustment.name", "omni.stock.adjustment.reason.mixin"]
    # the web client's current company (no company on this wizard)
    _omni_reason_company_field = "current_company_id"

    def action_apply(self):
        # Quants with their own reason keep it; the others get this one.
        return super(
            StockInventoryAdjustmentName,
            self.with_context(
                omni_adjustment_reason_id=self.omni_reason_id.id,
                omni_adjustment_note=self.omni_reason_note,
            ),
        ).action_apply()
