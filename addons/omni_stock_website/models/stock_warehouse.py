"""Pickup in store: each store promises from its own sales channel."""

from collections import defaultdict

from odoo import models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    def _omni_store_channels(self):
        """``{warehouse: channel}``: the store channel selling each warehouse's stock
        (type *store*, drawing on that warehouse; one drawing on it alone first)."""
        channels = self.env["omni.channel"].sudo().search([
            ("channel_type", "=", "store"), ("warehouse_ids", "in", self.ids)])
        found = {}
        for warehouse in self:
            candidates = channels.filtered(
                lambda c, wh=warehouse: wh in c.warehouse_ids
                and c.company_id == wh.company_id)
            own = candidates.filtered(lambda c, wh=warehouse: c.warehouse_ids == wh)
            found[warehouse] = (own or candidates)[:1]
        return found

    def _omni_store_channel(self):
        self.ensure_one()
        return self._omni_store_channels()[self]

    def _omni_pickup_availability(self, products, order=None):
        """``{product_id: (quantity, reason)}`` each product can be picked up in this
        store, from the store's channel (``order``'s holds there count as its own).

        ``reason`` says in a few words why a store offers nothing: it sells no stock
        online (no store channel), or its stock is not trusted (the accuracy measured
        by its counts is below what its channel requires).
        """
        self.ensure_one()
        channel = self._omni_store_channel()
        if not channel:
            reason = self.env._("not offered for pickup")
            return {product.id: (0.0, reason) for product in products}
        if order:
            available = order._omni_cart_available(products, channel=channel)
        else:
            figures = self.env["omni.ats"].sudo().compute(products, channel=channel,
                                                          detail=False)
            available = {pid: values["ats"] for pid, values in figures.items()}
        untrusted = self._omni_untrusted_stock(channel, products)
        result = {}
        for product in products:
            quantity = available.get(product.id, 0.0)
            reason = ""
            if quantity <= 0 and product.id in untrusted:
                reason = self.env._(
                    "stock not verified (count accuracy %(accuracy)s%%, %(required)s%% "
                    "required)", accuracy=f"{untrusted[product.id]:g}",
                    required=f"{channel.min_location_accuracy:g}")
            result[product.id] = (quantity, reason)
        return result

    def _omni_untrusted_stock(self, channel, products):
        """``{product_id: lowest accuracy}`` of products with stock in sellable locations
        of ``channel`` that the engine does not trust (accuracy below its minimum)."""
        engine = self.env["omni.ats"].sudo()
        scope = engine._scope_locations(channel)
        untrusted = scope.filtered(lambda loc: loc.omni_status == "sellable") \
            - engine._pool_locations(scope, channel)
        if not untrusted:
            return {}
        lowest = defaultdict(lambda: 100.0)
        groups = self.env["stock.quant"].sudo()._read_group(
            [("product_id", "in", products.ids), ("location_id", "in", untrusted.ids),
             ("quantity", ">", 0)],
            ["product_id", "location_id"])
        for product, location in groups:
            lowest[product.id] = min(lowest[product.id], location.omni_accuracy)
        return dict(lowest)
