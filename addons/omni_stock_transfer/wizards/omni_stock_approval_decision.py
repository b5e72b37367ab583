# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

APPROVAL_MODELS = ("omni.stock.transfer.request", "omni.stock.emergency.purchase")


class OmniStockApprovalDecision(models.TransientModel):
    """Approve or reject a document of the approval mixin, with a comment."""

    _name = "omni.stock.approval.decision"
    _description = "Approval Decision"

    res_model = fields.Char(required=True)
    res_id = fields.Integer(required=True)
    decision = fields.Selection([("approve", "Approve"), ("reject", "Reject")], required=True)
    comment = fields.Text()

    @api.constrains("res_model")
    def _check_res_model(self):
        if any(wizard.res_model not in APPROVAL_MODELS for wizard in self):
            raise UserError(self.env._("Nothing to approve there."))

    def action_done(self):
        self.ensure_one()
        record = self.env[self.res_model].browse(self.res_id)
        if self.decision == "approve":
            record.action_approve(self.comment)
        else:
            record.action_reject(self.comment)
        return {"type": "ir.actions.act_window_close"}
