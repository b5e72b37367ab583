from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OmniChannel(models.Model):
    _inherit = "omni.channel"

    hold_ids = fields.One2many("omni.stock.hold", "channel_id", string="Holds")
    active_hold_count = fields.Integer(compute="_compute_active_hold_count")
    integration_user_ids = fields.One2many(
        "res.users", "omni_channel_id", string="Integration Users",
        help="Users whose API keys act for this channel on the availability API.",
    )
    low_stock_qty = fields.Float(
        string="Low Stock Threshold", default=5.0,
        help="The API reports an ATS above zero and at most this quantity as 'low'.",
    )

    def _compute_active_hold_count(self):
        data = self.env["omni.stock.hold"]._read_group(
            [("channel_id", "in", self.ids), ("state", "=", "active"),
             ("expires_at", ">", fields.Datetime.now())],
            ["channel_id"], ["__count"],
        )
        counts = {channel.id: count for channel, count in data}
        for channel in self:
            channel.active_hold_count = counts.get(channel.id, 0)

    def action_view_holds(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "omni_stock.action_omni_stock_hold")
        action["domain"] = [("channel_id", "=", self.id)]
        action["context"] = {"search_default_active_holds": 1}
        return action

    def _api_status(self, ats):
        """Availability status the API reports for ``ats``."""
        self.ensure_one()
        if ats <= 0:
            return "out"
        return "low" if ats <= self.low_stock_qty else "in_stock"


class ResUsers(models.Model):
    _inherit = "res.users"

    omni_channel_id = fields.Many2one(
        "omni.channel", string="Integration Channel", ondelete="restrict", index=True,
        help="Makes this user an integration user of exactly this channel: its API keys "
        "read the channel's availability and hold stock for it.",
    )

    @api.constrains("omni_channel_id", "company_ids")
    def _check_omni_channel_company(self):
        for user in self:
            channel = user.sudo().omni_channel_id
            if channel and channel.company_id not in user.company_ids:
                raise ValidationError(self.env._(
                    "Integration user %(user)s must belong to the company of channel "
                    "%(channel)s.", user=user.name, channel=channel.name))
