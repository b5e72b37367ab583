# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class OmniStockAlertAck(models.TransientModel):
    _name = "omni.stock.alert.ack"
    _description = "Acknowledge Stock Alerts"

    alert_ids = fields.Many2many("omni.stock.alert", string="Alerts", required=True)
    note = fields.Text(required=True)

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if self.env.context.get("active_model") == "omni.stock.alert":
            res["alert_ids"] = [fields.Command.set(self.env.context.get("active_ids", []))]
        return res

    def action_confirm(self):
        self.ensure_one()
        # active_ids only preselect: the alerts this user may read (record rules)
        if not self.alert_ids:
            raise UserError(self.env._("No alert of yours to acknowledge."))
        self.alert_ids.action_acknowledge(self.note)
        return {"type": "ir.actions.act_window_close"}
