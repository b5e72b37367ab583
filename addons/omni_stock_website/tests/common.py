import json
from contextlib import contextmanager

from odoo import Command
from odoo.addons.omni_stock.tests.common import OmniStockCase
from odoo.addons.website.tools import MockRequest
from odoo.tests import new_test_user


class OmniWebsiteCase(OmniStockCase):
    """A shop of its own whose sales channel is the test warehouse's web channel, a
    published product, and shoppers (the public user and a portal customer)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env["website"].create({
            "name": "Omni Test Shop", "company_id": cls.company.id,
            "warehouse_id": cls.warehouse.id, "omni_channel_id": cls.channel.id,
        })
        cls.product.product_tmpl_id.write({
            "is_published": True, "list_price": 10.0, "show_availability": True,
            "available_threshold": 5, "allow_out_of_stock_order": False,
        })
        cls.public_user = cls.website.user_id
        cls.customer = new_test_user(
            cls.env, "omni_shopper", groups="base.group_portal", name="Omni Shopper",
            email="shopper@example.com")
        cls.marketplace = cls.env["omni.channel"].create({
            "name": "Test Marketplace", "code": "test-mkt-web", "channel_type": "marketplace",
            "warehouse_ids": [Command.set(cls.warehouse.ids)],
        })

    # ------------------------------------------------------------------ helpers

    def _product(self, name, code, **template_vals):
        product = self._create_product(name, code)
        product.product_tmpl_id.write({
            "is_published": True, "list_price": 10.0, "show_availability": True,
            "available_threshold": 5, "allow_out_of_stock_order": False, **template_vals})
        return product

    @contextmanager
    def _shopper(self, user=None, cart=None, website=None):
        """A shop request of ``user`` (default: a visitor) whose session has ``cart``."""
        user = user or self.public_user
        website = (website or self.website).with_user(user)
        # as Odoo's frontend dispatch: the request's website is also the context's
        with MockRequest(website.env, website=website, context={"website_id": website.id},
                         sale_order_id=cart.id if cart else None) as request:
            request.website = website.with_env(request.env)
            yield request.website

    def _add(self, website, product, quantity=1, set_qty=None):
        """What the shop's add-to-cart route does: ``(cart, values)``."""
        cart = website.sale_get_order(force_create=True)
        values = cart._cart_update(product_id=product.id, add_qty=quantity,
                                   set_qty=set_qty or 0)
        return cart, values

    def _cart(self, quantity, product=None, user=None):
        with self._shopper(user) as website:
            cart, _values = self._add(website, product or self.product, quantity)
        return cart

    def _holds(self, cart, states=("active",)):
        return cart.sudo().omni_hold_ids.filtered(lambda h: h.state in states)

    def _available(self, product=None, cart=None, user=None, website=None):
        """The quantity the shop tells this shopper he may still have."""
        product = product or self.product
        with self._shopper(user, cart, website) as shop:
            return shop._get_product_available_qty(product.sudo())

    def _combination(self, product=None, cart=None, user=None, website=None):
        product = product or self.product
        with self._shopper(user, cart, website) as shop:
            return product.with_env(shop.env).with_context(
                website_id=shop.id)._get_combination_info_variant()

    def _expire(self, holds):
        """Let time pass: the holds' expiry is behind us."""
        holds._write_lifecycle({"expires_at": "2000-01-01 00:00:00"})

    def _pickup_data(self, warehouse):
        return json.dumps({"id": warehouse.id, "name": warehouse.name})
