# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class StockPickingType(models.Model):
    _inherit = "stock.picking.type"

    omni_strict_scan = fields.Boolean(
        "Strict Scanning",
        help="A transfer of this type is validated only with quantities confirmed by "
        "scans, whoever validates it (scanner, form, RPC, scheduled actions, procurement).",
    )
    omni_blind_receipt = fields.Boolean(
        "Blind Receiving",
        help="The scanner does not show (and the server does not send) the expected "
        "quantities.",
    )
    omni_difference_reason = fields.Boolean(
        "Reason-coded Differences",
        help="A received quantity beyond the vendor's or the category's tolerance needs "
        "an adjustment reason, and above the adjustment thresholds an approval, before "
        "the transfer is validated.",
    )
