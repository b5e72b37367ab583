# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    omni_break_glass_days = fields.Integer(related="company_id.omni_break_glass_days",
                                           readonly=False)
    omni_transfer_request_required = fields.Boolean(
        related="company_id.omni_transfer_request_required", readonly=False)
