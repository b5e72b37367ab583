from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pos_omni_channel_id = fields.Many2one(
        related="pos_config_id.omni_channel_id", readonly=False, string="POS Sales Channel")
