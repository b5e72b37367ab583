# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmniStockReplenishApplyLog(models.Model):
    """One change of a reordering rule made by applying a recommendation: who, when,
    old → new, and the explanation as it was (append-only: nobody writes or
    deletes)."""

    _name = "omni.stock.replenish.apply.log"
    _description = "Replenishment Applied to a Reordering Rule"
    _order = "id desc"
    _rec_name = "product_id"

    recommendation_id = fields.Many2one("omni.stock.replenish.recommendation",
                                        readonly=True, ondelete="set null")
    orderpoint_id = fields.Many2one("stock.warehouse.orderpoint", "Reordering Rule",
                                    readonly=True, ondelete="set null")
    product_id = fields.Many2one("product.product", required=True, readonly=True,
                                 index=True)
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    user_id = fields.Many2one("res.users", "Applied By", required=True, readonly=True)
    date = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    old_min = fields.Float(readonly=True, digits="Product Unit of Measure")
    old_max = fields.Float(readonly=True, digits="Product Unit of Measure")
    new_min = fields.Float(readonly=True, digits="Product Unit of Measure")
    new_max = fields.Float(readonly=True, digits="Product Unit of Measure")
    explanation = fields.Text(readonly=True)
