# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    omni_close_gate = fields.Boolean(related="company_id.omni_close_gate", readonly=False)
    omni_stock_values_finance_only = fields.Boolean(
        related="company_id.omni_stock_values_finance_only", readonly=False
    )
    omni_close_inspection_days = fields.Integer(
        related="company_id.omni_close_inspection_days", readonly=False
    )
