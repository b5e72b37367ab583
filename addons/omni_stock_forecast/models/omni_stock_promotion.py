# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OmniStockPromotion(models.Model):
    """A promotion period: products and/or categories (with their subcategories), in
    some warehouses (none: all) of a company. Past periods flag the history (not base
    demand), future ones add the promotion part of the forecast."""

    _name = "omni.stock.promotion"
    _description = "Promotion Period"
    _order = "date_from desc, id desc"

    name = fields.Char(required=True)
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    product_ids = fields.Many2many("product.product", string="Products")
    categ_ids = fields.Many2many("product.category", string="Product Categories")
    warehouse_ids = fields.Many2many(
        "stock.warehouse", string="Warehouses / Stores", help="Empty: every warehouse.")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True)
    active = fields.Boolean(default=True)
    note = fields.Text()

    @api.constrains("date_from", "date_to", "product_ids", "categ_ids")
    def _check_period(self):
        for promo in self:
            if promo.date_to < promo.date_from:
                raise ValidationError(self.env._(
                    "Promotion %s ends before it starts.", promo.name))
            if not promo.product_ids and not promo.categ_ids:
                raise ValidationError(self.env._(
                    "Promotion %s needs products or product categories.", promo.name))
