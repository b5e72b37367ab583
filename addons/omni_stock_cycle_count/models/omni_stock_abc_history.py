# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .stock_warehouse import ABC_CLASSES

SOURCES = [("cron", "Scheduled job"), ("manual", "Recomputed by hand")]


class OmniStockAbcHistory(models.Model):
    """Each change of a product's class in a warehouse: when, from what, by whom."""

    _name = "omni.stock.abc.history"
    _description = "Product ABC Class History"
    _order = "date desc, id desc"
    _rec_name = "product_id"

    product_id = fields.Many2one("product.product", required=True, readonly=True, index=True,
                                 ondelete="cascade")
    warehouse_id = fields.Many2one("stock.warehouse", required=True, readonly=True,
                                   ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    old_class = fields.Selection(ABC_CLASSES, readonly=True)
    new_class = fields.Selection(ABC_CLASSES, required=True, readonly=True)
    date = fields.Datetime(required=True, readonly=True)
    user_id = fields.Many2one("res.users", "By", readonly=True)
    source = fields.Selection(SOURCES, required=True, readonly=True)

    @api.model
    def _prepare_history_vals(self, warehouse, product_id, old, new, source, date):
        return {
            "product_id": product_id,
            "warehouse_id": warehouse.id,
            "company_id": warehouse.company_id.id,
            "old_class": old or False,
            "new_class": new,
            "date": date,
            "user_id": self.env.uid,
            "source": source,
        }
