# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ProductCategory(models.Model):
    _inherit = "product.category"

    omni_receipt_tolerance = fields.Float(
        "Receipt Tolerance (%)",
        help="Over- or under-receipt (of the ordered quantity) accepted without a reason "
        "for products of this category, unless the vendor has its own tolerance.",
    )

    @api.constrains("omni_receipt_tolerance")
    def _check_omni_receipt_tolerance(self):
        for category in self:
            if category.omni_receipt_tolerance < 0:
                raise ValidationError(self.env._("A receipt tolerance cannot be negative."))
