# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

ROUTING_KINDS = [("routing_unroutable", "Order with no node")]


class OmniStockAlertRule(models.Model):
    _inherit = "omni.stock.alert.rule"

    kind = fields.Selection(selection_add=ROUTING_KINDS,
                            ondelete={"routing_unroutable": "cascade"})
