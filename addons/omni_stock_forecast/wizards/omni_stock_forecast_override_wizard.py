# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class OmniStockForecastOverrideWizard(models.TransientModel):
    _name = "omni.stock.forecast.override.wizard"
    _description = "Override Forecast Weeks"

    line_ids = fields.Many2many(
        "omni.stock.forecast.line", "omni_stock_forecast_override_wizard_line_rel",
        string="Weeks", required=True)
    quantity = fields.Float("New Forecast", digits=(16, 2), required=True)
    reason = fields.Char(required=True)
    clear = fields.Boolean("Back to the System Forecast")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "omni.stock.forecast.line":
            lines = self.env["omni.stock.forecast.line"].browse(
                self.env.context.get("active_ids", []))
            values["line_ids"] = [fields.Command.set(lines.ids)]
            if len(lines) == 1:
                values["quantity"] = lines.figure
        return values

    def action_confirm(self):
        self.ensure_one()
        if self.clear:
            self.line_ids.action_clear_override(self.reason)
        else:
            self.line_ids.action_override(self.quantity, self.reason)
        return {"type": "ir.actions.act_window_close"}
