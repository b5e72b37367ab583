"""Pickup in store: each store promises from its own sales channel."""

from collections import defaultdict

from odoo import models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    def _omni_store_channels(self):
        """``{warehouse: channel}``: the store channel selling each warehouse's stock
        (type *store*, drawing on that warehouse; one drawing on it alone first)."""
        # earned: only the store channel of each warehouse, for its pickup figures
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

        ``reason`` is for staff: why a store offers nothing although it has stock: it
        sells no stock online (no store channel), its stock is not trusted (the accuracy
        measured by its counts is below what its channel requires), or its stock is
        withheld (its POS is offline, a pick short waits for its count: the notes of
        the channel's explanation). Shoppers read a plain sentence instead (see
        ``website._omni_shopper_reason``).
        """
        self.ensure_one()
        channel = self._omni_store_channel()
        if not channel:
            reason = self.env._("not offered for pickup")
            return {product.id: (0.0, reason) for product in products}
        # earned: a store of the shop's pickup method and products the shopper may see
        # (website._omni_shopper_products), or staff's (their own rights on the order)
        engine = self.env["omni.ats"].sudo()
        if order:
            available = order._omni_cart_available(products, channel=channel)
        else:
            figures = engine.compute(products, channel=channel, detail=False)
            available = {pid: values["ats"] for pid, values in figures.items()}
        unavailable = products.filtered(lambda p: available.get(p.id, 0.0) <= 0)
        reasons = self._omni_unavailable_reasons(channel, unavailable)
        return {product.id: (available.get(product.id, 0.0), reasons.get(product.id, ""))
                for product in products}

    def _omni_unavailable_reasons(self, channel, products):
        """``{product_id: reason}`` of ``products`` this store has but does not promise."""
        if not products:
            return {}
        reasons = {}
        untrusted = self._omni_untrusted_stock(channel, products)
        for product_id, accuracy in untrusted.items():
            reasons[product_id] = self.env._(
                "stock not verified (count accuracy %(accuracy)s%%, %(required)s%% "
                "required)", accuracy=f"{accuracy:g}",
                required=f"{channel.min_location_accuracy:g}")
        # earned: a store of the shop's pickup method and products the shopper may see
        # (website._omni_shopper_products), or staff's (their own rights on the order)
        engine = self.env["omni.ats"].sudo()
        withheld = [pid for pid, values in engine.compute(
            products, channel=channel, detail=False).items()
            if values["withheld"] > 0 and pid not in reasons]
        if withheld:
            notes = engine._location_notes(engine._scope_locations(channel))
            note = "; ".join(sorted(set(filter(None, notes.values())))) \
                or self.env._("stock withheld")
            reasons.update(dict.fromkeys(withheld, note))
        return reasons

    def _omni_untrusted_stock(self, channel, products):
        """``{product_id: lowest accuracy}`` of products with stock in sellable locations
        of ``channel`` that the engine does not trust (accuracy below its minimum)."""
        # earned: a store of the shop's pickup method and products the shopper may see
        # (website._omni_shopper_products), or staff's (their own rights on the order)
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
