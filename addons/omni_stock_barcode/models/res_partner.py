# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"

    omni_receipt_tolerance_own = fields.Boolean(
        "Own Receipt Tolerance",
        help="This vendor's tolerance wins over the product categories' tolerances.",
    )
    omni_receipt_tolerance = fields.Float(
        "Receipt Tolerance (%)",
        help="Over- or under-receipt (of the ordered quantity) accepted without a reason.",
    )

    @api.constrains("omni_receipt_tolerance")
    def _check_omni_receipt_tolerance(self):
        for partner in self:
            if partner.omni_receipt_tolerance < 0:
                raise ValidationError(self.env._("A receipt tolerance cannot be negative."))
