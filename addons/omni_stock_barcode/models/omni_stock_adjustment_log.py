# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmniStockAdjustmentLog(models.Model):
    _inherit = "omni.stock.adjustment.log"

    source = fields.Selection(
        selection_add=[("receipt", "Receipt difference")], ondelete={"receipt": "cascade"}
    )
