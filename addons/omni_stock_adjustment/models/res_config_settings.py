# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    omni_adj_threshold_qty = fields.Float(
        related="company_id.omni_adj_threshold_qty", readonly=False
    )
    omni_adj_threshold_value = fields.Float(
        related="company_id.omni_adj_threshold_value", readonly=False
    )
    omni_adj_window_hours = fields.Integer(
        related="company_id.omni_adj_window_hours", readonly=False
    )
    omni_stock_lock_date = fields.Date(related="company_id.omni_stock_lock_date", readonly=False)
