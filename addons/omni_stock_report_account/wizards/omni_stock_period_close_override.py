# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmniStockPeriodCloseOverride(models.TransientModel):
    _name = "omni.stock.period.close.override"
    _description = "Close a Period Despite Open Items"

    close_id = fields.Many2one("omni.stock.period.close", required=True)
    note = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.close_id.action_override(self.note)
        return {"type": "ir.actions.act_window_close"}
