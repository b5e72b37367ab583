# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ProductCategory(models.Model):
    _inherit = "product.category"

    omni_shrink_prone = fields.Boolean(
        "Shrink-prone",
        help="Products of this category are counted at their own, shorter frequency.",
    )
    omni_shrink_frequency_days = fields.Integer("Count Shrink-prone Every (days)", default=14)

    @api.constrains("omni_shrink_prone", "omni_shrink_frequency_days")
    def _check_omni_shrink_frequency(self):
        for categ in self.filtered("omni_shrink_prone"):
            if categ.omni_shrink_frequency_days <= 0:
                raise ValidationError(
                    self.env._("The count frequency of a shrink-prone category must be "
                               "positive."))
