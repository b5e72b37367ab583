# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

# every figure of a product's stock, whatever computes it (stock's moves and quants,
# stock_account's valuation layers and what is computed with them, omni_stock's ATS
# engine), and the levels the stock is kept at (reordering rules: what to expect)
PRODUCT_STOCK_FIELDS = frozenset((
    "qty_available", "virtual_available", "free_qty", "incoming_qty", "outgoing_qty",
    "nbr_moves_in", "nbr_moves_out", "stock_quant_ids", "stock_move_ids",
    "orderpoint_ids", "nbr_reordering_rules", "reordering_min_qty", "reordering_max_qty",
    "quantity_svl", "value_svl", "total_value", "avg_cost", "company_currency_id",
    "stock_valuation_layer_ids",
    "omni_on_hand", "omni_sellable", "omni_reserved", "omni_unpickable", "omni_damaged",
    "omni_quarantine", "omni_inspection", "omni_in_transit", "omni_incoming", "omni_ats",
))


class ProductProduct(models.Model):
    _name = "product.product"
    _inherit = ["product.product", "omni.stock.blind.mixin"]

    _omni_blind_fields = PRODUCT_STOCK_FIELDS
