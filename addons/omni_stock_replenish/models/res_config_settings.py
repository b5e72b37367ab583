# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    omni_repl_service_a = fields.Float(related="company_id.omni_repl_service_a",
                                       readonly=False)
    omni_repl_service_b = fields.Float(related="company_id.omni_repl_service_b",
                                       readonly=False)
    omni_repl_service_c = fields.Float(related="company_id.omni_repl_service_c",
                                       readonly=False)
    omni_repl_review_days = fields.Integer(related="company_id.omni_repl_review_days",
                                           readonly=False)
    omni_repl_default_lead_days = fields.Float(
        related="company_id.omni_repl_default_lead_days", readonly=False)
    omni_repl_overstock_weeks = fields.Float(
        related="company_id.omni_repl_overstock_weeks", readonly=False)
    omni_repl_age_days = fields.Integer(related="company_id.omni_repl_age_days",
                                        readonly=False)
    omni_repl_balance_weeks = fields.Float(related="company_id.omni_repl_balance_weeks",
                                           readonly=False)
    omni_repl_transfer_cost = fields.Float(related="company_id.omni_repl_transfer_cost",
                                           readonly=False)
    omni_repl_lt_tolerance_days = fields.Integer(
        related="company_id.omni_repl_lt_tolerance_days", readonly=False)
