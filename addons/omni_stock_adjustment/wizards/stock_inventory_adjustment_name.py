# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class StockInventoryAdjustmentName(models.TransientModel):
    _inherit = "stock.inventory.adjustment.name"

    omni_reason_id = fields.Many2one("omni.stock.adjustment.reason", "Adjustment Reason")
    omni_reason_note = fields.Text("Adjustment Note")

    def action_apply(self):
        # Quants with their own reason keep it; the others get this one.
        return super(
            StockInventoryAdjustmentName,
            self.with_context(
                omni_adjustment_reason_id=self.omni_reason_id.id,
                omni_adjustment_note=self.omni_reason_note,
            ),
        ).action_apply()
