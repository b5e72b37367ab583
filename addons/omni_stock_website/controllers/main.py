from odoo.addons.omni_stock.tools import validate
from odoo.addons.website_sale.controllers.main import WebsiteSale
from odoo.http import request, route

MAX_CART_QTY = 1_000_000


def _cart_id(env, value, what, required=True):
    """An id as the shop's scripts send it (a number, or its digits as text)."""
    if value in (None, False, "") and not required:
        return value
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    return validate.record_id(env, value, what)


def _cart_qty(env, value, what, minimum):
    if value is None:
        return value
    return validate.number(env, value, what, minimum=minimum, maximum=MAX_CART_QTY,
                           from_text=True)


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
    def cart_update_json(self, product_id, line_id=None, add_qty=None, set_qty=None,
                         display=True, product_custom_attribute_values=None,
                         no_variant_attribute_value_ids=None, **kwargs):
        """The cart's JSON route parses its ids and quantities first (the suite's
        validator): a list, an object, NaN or infinity is a clear error, never a 500."""
        env = request.env
        product_id = _cart_id(env, product_id, env._("The product"))
        line_id = _cart_id(env, line_id, env._("The cart line"), required=False)
        add_qty = _cart_qty(env, add_qty, env._("The quantity to add"), -MAX_CART_QTY)
        set_qty = _cart_qty(env, set_qty, env._("The quantity"), 0)
        return super().cart_update_json(
            product_id, line_id=line_id, add_qty=add_qty, set_qty=set_qty, display=display,
            product_custom_attribute_values=product_custom_attribute_values,
            no_variant_attribute_value_ids=no_variant_attribute_value_ids, **kwargs)

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
