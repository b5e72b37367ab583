"""What the shop says about stock, from its sales channel's ATS.

Every stock figure the shop shows goes through :meth:`Website._omni_available_qty`:
the ATS of the shopper's channel (the website's, or the chosen pickup store's) with
the shopper's own cart holds counted as his. Figures are computed by the engine for
every product a page shows at once and kept for the rest of the HTTP request, so a
page costs one engine call, not one per product. Checks that decide (adding to the
cart, paying) never read that cache: they re-read the ATS under the product lock.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.http import request

# a page asking for one product also computes the others it browsed with (grid, cart)
PREFETCH_LIMIT = 1000


class Website(models.Model):
    _inherit = "website"

    omni_channel_id = fields.Many2one(
        "omni.channel", string="Sales Channel", ondelete="restrict",
        domain="[('company_id', '=', company_id)]",
        help="The shop promises this channel's available-to-sell: product pages, the "
        "product grid, the cart and the checkout read its ATS, and carts hold their "
        "stock in it. Without a channel the shop shows Odoo's free quantity.",
    )

    @api.constrains("omni_channel_id", "company_id", "warehouse_id")
    def _check_omni_channel(self):
        for website in self.filtered("omni_channel_id"):
            channel = website.omni_channel_id.sudo()
            if channel.company_id != website.company_id:
                raise ValidationError(self.env._(
                    "The sales channel of %(website)s must belong to %(company)s.",
                    website=website.name, company=website.company_id.name))
            if website.warehouse_id and website.warehouse_id not in channel.warehouse_ids:
                raise ValidationError(self.env._(
                    "%(warehouse)s ships the orders of %(website)s but is not a source of "
                    "its sales channel %(channel)s.",
                    warehouse=website.warehouse_id.name, website=website.name,
                    channel=channel.name))

    # ------------------------------------------------------------------ request cache

    def _omni_cache(self):
        """A dict living as long as the HTTP request (``None`` outside of one)."""
        if not request:
            return None
        return request.__dict__.setdefault("_omni_stock_website", {})

    def _omni_invalidate(self):
        """Forget the figures read so far (holds of the cart changed)."""
        cache = self._omni_cache()
        if cache is not None:
            prefetch = cache.get("prefetch")
            cache.clear()
            if prefetch:
                cache["prefetch"] = prefetch

    def _omni_prefetch(self, products):
        """Announce the products a page will show: the first figure asked for computes
        them all in one engine call."""
        cache = self._omni_cache()
        if cache is not None and self.omni_channel_id:
            cache.setdefault("prefetch", set()).update(products.ids)

    # ------------------------------------------------------------------ shopper scope

    def _omni_current_cart(self):
        """The shopper's cart on this website (sudo), without creating one."""
        self.ensure_one()
        if not request or getattr(request, "website", None) != self:
            return self.env["sale.order"]
        cache = self._omni_cache()
        if "cart" not in cache:
            cart = self.sale_get_order()
            cache["cart"] = cart if cart and cart._omni_is_cart() else self.env["sale.order"]
        return cache["cart"]

    def _omni_shop_channel(self):
        """The channel the shop promises from for the current shopper (sudo): the one of
        his cart (a store's once he chose to pick up there), else the website's."""
        self.ensure_one()
        cart = self._omni_current_cart()
        return (cart.omni_channel_id or self.omni_channel_id).sudo()

    def _omni_ats_figures(self, products, channel):
        """Lean engine figures of ``products`` in ``channel``, per request."""
        engine = self.env["omni.ats"].sudo()
        cache = self._omni_cache()
        if cache is None:
            return engine.compute(products, channel=channel, detail=False)
        figures = cache.setdefault(("figures", channel.id), {})
        missing = [pid for pid in products.ids if pid not in figures]
        if missing:
            batch = set(missing) | cache.get("prefetch", set())
            batch.update(pid for pid in list(products._prefetch_ids)[:PREFETCH_LIMIT]
                         if isinstance(pid, int))
            batch.difference_update(figures)
            figures.update(engine.compute(
                self.env["product.product"].browse(sorted(batch)), channel=channel,
                detail=False))
        return figures

    def _omni_available_qty(self, products):
        """``{product_id: quantity}`` the current shopper may still have of each product
        (his cart's own holds included: a shopper never sees his hold as sold out)."""
        self.ensure_one()
        cart = self._omni_current_cart()
        if cart:
            return cart._omni_cart_available(products)
        channel = self._omni_shop_channel()
        figures = self._omni_ats_figures(products, channel)
        return {product.id: figures[product.id]["ats"] for product in products}

    # ------------------------------------------------------------------ Odoo's hooks

    def _get_product_available_qty(self, product, **kwargs):
        if not self.omni_channel_id or not product.is_storable:
            return super()._get_product_available_qty(product, **kwargs)
        return self._omni_available_qty(product)[product.id]

    # ------------------------------------------------------------------ pickup in store

    @api.model
    def _omni_in_store_values(self, product, quantity, reason=""):
        """Click & collect stock values (``website_sale_collect``'s shape) plus the reason
        a store offers nothing."""
        return {
            "in_stock": quantity > 0,
            "show_quantity": bool(product.show_availability
                                  and product.available_threshold >= quantity),
            "quantity": quantity,
            "omni_reason": reason,
        }

    def _omni_in_store_stock(self, product):
        """Pickup availability of ``product`` on its page: in the store the shopper chose,
        else in the best of the website's pickup stores, each from its own channel."""
        self.ensure_one()
        cart = self._omni_current_cart()
        chosen = cart._omni_pickup_warehouse() if cart else self.env["stock.warehouse"]
        stores = chosen or self.sudo().in_store_dm_id.warehouse_ids
        best = None
        for store in stores:
            quantity, reason = store.sudo()._omni_pickup_availability(
                product, order=cart if store == chosen else None)[product.id]
            if best is None or quantity > best[0]:
                best = (quantity, reason)
        return self._omni_in_store_values(product, *(best or (0.0, "")))
