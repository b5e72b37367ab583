"""Cart lines keep their cart's holds in step, whoever changes them.

Adding, changing and removing lines go through the ORM whatever the caller (the
shop's cart routes, the cart page cleaning archived products, an abandoned cart
merged into another, a salesperson editing the cart), so the holds follow here.
"""

from collections import defaultdict

from odoo import api, models

from .sale_order import _qty

# line fields that change what a cart needs
HOLD_FIELDS = {"product_id", "product_uom_qty", "product_uom", "order_id", "display_type"}


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _omni_cart_products(self):
        """``{cart: products}`` of the lines of carts of shops with a channel."""
        carts = defaultdict(lambda: self.env["product.product"])
        for line in self:
            if line.order_id._omni_is_cart():
                carts[line.order_id] |= line.product_id
        return carts

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        for cart, products in lines._omni_cart_products().items():
            cart._omni_sync_cart_holds(products)
        return lines

    def write(self, vals):
        if not HOLD_FIELDS & set(vals):
            return super().write(vals)
        before = self._omni_cart_products()
        res = super().write(vals)
        after = self._omni_cart_products()
        for cart in set(before) | set(after):
            products = (before.get(cart) or self.env["product.product"]) | (
                after.get(cart) or self.env["product.product"])
            cart._omni_sync_cart_holds(products)
        return res

    def unlink(self):
        before = self._omni_cart_products()
        res = super().unlink()
        for cart, products in before.items():
            cart._omni_sync_cart_holds(products)
        return res

    def _set_shop_warning_stock(self, desired_qty, new_qty):
        # "only 3 is available", not "only 3.0 is available"
        return super()._set_shop_warning_stock(_qty(desired_qty), _qty(new_qty))

    def _get_max_available_qty(self):
        """What may still be added to this line (the cart page's quantity limit)."""
        order = self.order_id
        if not order._omni_is_cart() or not self.product_id.is_storable:
            return super()._get_max_available_qty()
        cart_qty, available = order._get_cart_and_free_qty(self.product_id, line=self)
        return available - cart_qty

    def _omni_cart_max_qty(self):
        """The ``data-max`` of the cart page's quantity input (``None``: no limit)."""
        self.ensure_one()
        product = self.product_id
        order = self.order_id
        if order._omni_is_cart():
            if not product.is_storable or order._omni_may_oversell(product):
                return None
        elif not product.is_storable or product.allow_out_of_stock_order:
            return None
        return self.product_uom_qty + self._get_max_available_qty()
