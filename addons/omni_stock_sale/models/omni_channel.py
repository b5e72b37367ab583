from odoo import fields, models


class OmniChannel(models.Model):
    _inherit = "omni.channel"

    oversell_policy = fields.Selection(
        [("block", "Block the confirmation"), ("backorder", "Confirm as a backorder")],
        default="block", required=True, tracking=True,
        help="When a sale order of this channel asks for more than the channel's ATS.",
    )
    sale_partner_id = fields.Many2one(
        "res.partner", string="Customer for API Orders", check_company=True,
        help="Sale orders confirmed through the availability API are made for this "
        "customer (e.g. the marketplace itself).",
    )
    sale_team_id = fields.Many2one(
        "crm.team", string="Sales Team for API Orders", check_company=True)
    sale_hold_ttl_hours = fields.Integer(
        string="Quotation Hold (hours)", default=24,
        help="How long 'Hold Stock' on a quotation keeps the stock.",
    )
