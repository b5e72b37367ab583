# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class OmniStockAlertEvidence(models.Model):
    """A record behind an anomaly alert (an adjustment, a return, a transfer), with
    what it contributed to the score."""

    _name = "omni.stock.alert.evidence"
    _description = "Evidence of a Stock Alert"
    _order = "alert_id, sequence, id"

    alert_id = fields.Many2one(
        "omni.stock.alert", required=True, readonly=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="alert_id.company_id", store=True, index=True)
    sequence = fields.Integer(readonly=True)
    res_model = fields.Char("Record Model", required=True, readonly=True)
    res_id = fields.Many2oneReference("Record ID", model_field="res_model", readonly=True)
    record_ref = fields.Reference(
        selection="_selection_record_ref", compute="_compute_record_ref", string="Record")
    date = fields.Datetime(readonly=True)
    note = fields.Char(readonly=True)

    @api.model
    def _selection_record_ref(self):
        return self.env["omni.stock.alert"]._selection_record_ref()

    @api.depends("res_model", "res_id")
    def _compute_record_ref(self):
        for evidence in self:
            evidence.record_ref = (
                f"{evidence.res_model},{evidence.res_id}"
                if evidence.res_model in self.env and evidence.res_id else False
            )

    def action_open_record(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "res_model": self.res_model,
            "res_id": self.res_id, "view_mode": "form", "views": [(False, "form")],
        }
