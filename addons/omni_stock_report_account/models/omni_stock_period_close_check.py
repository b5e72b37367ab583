# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools.safe_eval import safe_eval


class OmniStockPeriodCloseCheck(models.Model):
    _name = "omni.stock.period.close.check"
    _description = "Period Close Checklist Item"
    _order = "close_id, sequence"

    close_id = fields.Many2one(
        "omni.stock.period.close", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="close_id.company_id", store=True)
    sequence = fields.Integer()
    code = fields.Char(required=True)
    name = fields.Char(required=True)
    state = fields.Selection(
        [("ok", "Clear"), ("open", "Open"), ("unavailable", "Not installed")], required=True
    )
    count = fields.Integer()
    detail = fields.Char()
    res_model = fields.Char()
    domain = fields.Char(default="[]")

    def action_open(self):
        self.ensure_one()
        if not self.res_model:
            return False
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": self.res_model,
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": safe_eval(self.domain or "[]"),
        }
