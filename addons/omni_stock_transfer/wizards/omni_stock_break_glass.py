# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmniStockBreakGlass(models.TransientModel):
    _name = "omni.stock.break.glass"
    _description = "Emergency Purchase Confirmation"

    purchase_id = fields.Many2one("purchase.order", required=True)
    reason = fields.Text(required=True)
    deadline_days = fields.Integer(related="purchase_id.company_id.omni_break_glass_days")

    def action_confirm(self):
        self.ensure_one()
        self.purchase_id.action_break_glass(self.reason)
        return {"type": "ir.actions.act_window_close"}
