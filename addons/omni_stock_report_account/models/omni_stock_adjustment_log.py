# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmniStockAdjustmentLog(models.Model):
    _inherit = "omni.stock.adjustment.log"

    event = fields.Selection(
        selection_add=[
            ("close_override", "Period close overridden"),
            ("close_gate", "Period close gate changed"),
        ],
        ondelete={"close_override": "cascade", "close_gate": "cascade"},
    )
