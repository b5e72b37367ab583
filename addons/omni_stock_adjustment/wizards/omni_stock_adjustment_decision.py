# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmniStockAdjustmentDecision(models.TransientModel):
    _name = "omni.stock.adjustment.decision"
    _description = "Approve or Reject a Stock Adjustment"

    request_id = fields.Many2one("omni.stock.adjustment.request", required=True)
    decision = fields.Selection(
        [("approve", "Approve"), ("reject", "Reject")], required=True, default="approve"
    )
    comment = fields.Text()
    needs_reconfirmation = fields.Boolean(related="request_id.needs_reconfirmation")
    product_id = fields.Many2one(related="request_id.product_id")
    location_id = fields.Many2one(related="request_id.location_id")
    location_dest_id = fields.Many2one(related="request_id.location_dest_id")
    reason_id = fields.Many2one(related="request_id.reason_id")
    requester_id = fields.Many2one(related="request_id.requester_id")
    quantity_before = fields.Float(related="request_id.quantity_before")
    quantity_current = fields.Float(related="request_id.quantity_current")
    quantity_delta = fields.Float(related="request_id.quantity_delta")

    def action_confirm(self):
        self.ensure_one()
        if self.decision == "reject":
            self.request_id.action_reject(self.comment)
            return {"type": "ir.actions.act_window_close"}
        if self.request_id.action_approve(self.comment):
            return {"type": "ir.actions.act_window_close"}
        # stock moved since the request: show the difference and ask again
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
