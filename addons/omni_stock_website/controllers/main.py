from odoo.addons.website_sale.controllers.main import WebsiteSale
from odoo.http import request, route


class OmniWebsiteSale(WebsiteSale):
    """Pages announce the products they show (one engine call per page) and carts
    renew their holds whenever the shopper comes back to them."""

    def _get_additional_extra_shop_values(self, values, **post):
        extra = super()._get_additional_extra_shop_values(values, **post)
        if request.website.omni_channel_id:
            request.website._omni_prefetch(values["products"].product_variant_ids)
        return extra

    def _prepare_product_values(self, product, category, search, **kwargs):
        values = super()._prepare_product_values(product, category, search, **kwargs)
        if request.website.omni_channel_id:
            request.website._omni_prefetch(product.product_variant_ids)
        return values

    @route()
    def cart(self, access_token=None, revive="", **post):
        order = request.website.sale_get_order()
        if order and order._omni_is_cart():
            order._omni_refresh_cart()
        return super().cart(access_token=access_token, revive=revive, **post)

    def _check_cart(self, order_sudo):
        """Checkout steps: a cart that lost stock goes back to the cart page, which says
        what changed."""
        if redirection := super()._check_cart(order_sudo):
            return redirection
        if order_sudo._omni_is_cart() and order_sudo._omni_refresh_cart():
            return request.redirect("/shop/cart")
        return None

    def _get_shop_payment_errors(self, order):
        """No payment while a product that only a store can give is to be delivered."""
        errors = super()._get_shop_payment_errors(order)
        if order._omni_is_cart():
            pickup_only = order._omni_pickup_only(order._omni_unheld_products())
            errors.extend(
                (request.env._("Pick up in store only"),
                 order._omni_pickup_only_message(product, store))
                for product, store in pickup_only.items())
        return errors
