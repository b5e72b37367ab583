# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from .product_product import PRODUCT_STOCK_FIELDS


class ProductTemplate(models.Model):
    _name = "product.template"
    _inherit = ["product.template", "omni.stock.blind.mixin"]

    _omni_blind_fields = PRODUCT_STOCK_FIELDS
