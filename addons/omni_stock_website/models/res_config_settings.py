from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    website_omni_channel_id = fields.Many2one(
        related="website_id.omni_channel_id", readonly=False)
