# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

TRANSFER_ALERT_KINDS = [
    ("transit_variance", "Transit variance"),
    ("break_glass_overdue", "Emergency purchase not approved in time"),
]


class OmniStockAlertRule(models.Model):
    _inherit = "omni.stock.alert.rule"

    kind = fields.Selection(
        selection_add=TRANSFER_ALERT_KINDS,
        ondelete=dict.fromkeys((code for code, _label in TRANSFER_ALERT_KINDS), "cascade"))
