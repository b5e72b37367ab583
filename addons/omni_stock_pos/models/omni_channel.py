from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OmniChannel(models.Model):
    _inherit = "omni.channel"

    pos_offline_minutes = fields.Integer(
        string="POS Offline After (minutes)", default=10, tracking=True,
        help="For a store channel: when the open POS sessions of its store have been "
        "silent this long (or report unsynced orders), the other channels stop promising "
        "the store's stock until the POS syncs again.",
    )

    @api.constrains("pos_offline_minutes")
    def _check_pos_offline_minutes(self):
        for channel in self:
            if channel.pos_offline_minutes <= 0:
                raise ValidationError(self.env._(
                    "The POS offline limit of %s must be at least one minute.", channel.name))
