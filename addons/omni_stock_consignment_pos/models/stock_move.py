# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from .stock_picking import pos_sale


class StockMove(models.Model):
    _inherit = "stock.move"

    def _omni_consign_channel(self):
        sale = pos_sale.get()
        return sale.channel if sale and sale.channel else super()._omni_consign_channel()

    def _omni_consign_sale_unit_price(self):
        sale = pos_sale.get()
        if sale and self.product_id.id in sale.unit_prices:
            return sale.unit_prices[self.product_id.id]
        return super()._omni_consign_sale_unit_price()

    def _add_mls_related_to_order(self, related_order_lines, are_qties_done=True):
        # Odoo's POS sets the quantity without reserving: the units would be taken as the
        # retailer's own whoever owns them; reserve first, with the store's owner rules
        if pos_sale.get() and pos_sale.get().channel:
            self.filtered(lambda m: m.product_id.tracking == "none"
                          and m.location_id.usage == "internal")._action_assign()
        return super()._add_mls_related_to_order(related_order_lines,
                                                 are_qties_done=are_qties_done)
