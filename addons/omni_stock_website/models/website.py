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
            # earned: a constraint: the channel's company and sources are read to refuse a mismatch
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
        """A dict living as long as the HTTP request's transaction (``None`` outside of
        a request): a request Odoo serves again on a new cursor (a read-only route that
        had to write) starts afresh, without records of the closed cursor."""
        if not request:
            return None
        cache = request.__dict__.get("_omni_stock_website")
        if cache is None or cache.get("cursor") is not self.env.cr:
            cache = request.__dict__["_omni_stock_website"] = {"cursor": self.env.cr}
        return cache

    def _omni_invalidate(self):
        """Forget the figures read so far (holds of the cart changed); the products a
        page announced and what the shopper may see stay."""
        cache = self._omni_cache()
        if cache is not None:
            kept = {key: value for key, value in cache.items()
                    if key in ("cursor", "prefetch")
                    or (isinstance(key, tuple) and key[0] == "visible")}
            cache.clear()
            cache.update(kept)

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
        # earned: no check needed: the channel the shop promises from, for its figures
        return (cart.omni_channel_id or self.omni_channel_id).sudo()

    def _omni_ats_figures(self, products, channel):
        """Lean engine figures of ``products`` in ``channel``, per request."""
        # earned: callers pass products the shopper may see (_omni_shopper_products)
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

    def _omni_shopper_products(self, products):
        """The products of ``products`` the current shopper may see, as superuser.

        The shop's figures read more of a product than a shopper may (its unit of
        measure and its category, the channel's holds and rules): they are read as
        superuser, for the products this shopper may read (a visitor or a portal
        customer: published products) and nothing else. Products a page announced are
        checked with them, once per request.
        """
        shopper_env = self.env(su=False)
        cache = self._omni_cache()
        if cache is None:
            return products.with_env(shopper_env)._filtered_access("read").sudo()
        visible = cache.setdefault(("visible", shopper_env.uid), {})
        unknown = set(products.ids) - set(visible)
        if unknown:
            unknown |= cache.get("prefetch", set()) - set(visible)
            batch = products.browse(sorted(unknown)).with_env(shopper_env)
            allowed = set(batch._filtered_access("read").ids)
            visible.update((pid, pid in allowed) for pid in batch.ids)
        return products.browse([pid for pid in products.ids if visible[pid]]).sudo()

    def _omni_available_qty(self, products):
        """``{product_id: quantity}`` the current shopper may still have of each product
        (his cart's own holds included: a shopper never sees his hold as sold out); 0 for
        a product he may not see."""
        self.ensure_one()
        quantities = dict.fromkeys(products.ids, 0.0)
        products = self._omni_shopper_products(products)
        cart = self._omni_current_cart()
        if cart:
            quantities.update(cart._omni_cart_available(products))
            return quantities
        channel = self._omni_shop_channel()
        figures = self._omni_ats_figures(products, channel)
        quantities.update((product.id, figures[product.id]["ats"]) for product in products)
        return quantities

    # ------------------------------------------------------------------ Odoo's hooks

    def _get_product_available_qty(self, product, **kwargs):
        if not self.omni_channel_id or not product.is_storable:
            return super()._get_product_available_qty(product, **kwargs)
        return self._omni_available_qty(product)[product.id]

    # ------------------------------------------------------------------ pickup in store

    @api.model
    def _omni_in_store_values(self, product, quantity, reason=""):
        """Click & collect stock values (``website_sale_collect``'s shape) plus why a store
        offers nothing, in the reader's words (see :meth:`_omni_shopper_reason`)."""
        return {
            "in_stock": quantity > 0,
            "show_quantity": bool(product.show_availability
                                  and product.available_threshold >= quantity),
            "quantity": self._omni_display_qty(product, quantity),
            "omni_reason": self._omni_shopper_reason(reason),
        }

    @api.model
    def _omni_display_qty(self, product, quantity):
        """A quantity as the shop shows it: whole units as integers (3, not 3.0)."""
        # earned: no check needed: the product's unit (whole units or not)
        if self.env["omni.ats"].sudo().rounding(product.sudo()) == 1.0:
            return int(quantity)
        return quantity

    @api.model
    def _omni_shopper_reason(self, reason):
        """Why a store offers nothing although it has stock, as the reader may read it.

        The reason (accuracy measured by counts, a POS offline) is the staff's: an
        employee sees it; shoppers read a plain sentence. Staff find the details in the
        channel's ATS explanation.
        """
        if not reason:
            return ""
        if self.env.user._is_internal():
            return reason
        return self.env._("Not available for pickup today")

    def _omni_in_store_stock(self, product):
        """Pickup availability of ``product`` on its page: in the store the shopper chose,
        else in the best of the website's pickup stores, each from its own channel."""
        self.ensure_one()
        if not self._omni_shopper_products(product):
            return self._omni_in_store_values(product, 0.0)
        # earned: _omni_shopper_products() above: a product the shopper may see
        product = product.sudo()
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
