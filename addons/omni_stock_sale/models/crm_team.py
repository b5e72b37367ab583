from odoo import fields, models


class CrmTeam(models.Model):
    _inherit = "crm.team"

    omni_channel_id = fields.Many2one(
        "omni.channel", string="Sales Channel",
        help="Default channel of this team's sale orders: their lines are checked "
        "against its available-to-sell.",
    )
