import json
from contextlib import contextmanager

from odoo import Command, http
from odoo.addons.omni_stock.tests.common import OmniStockCase
from odoo.addons.omni_stock.tests.rpc import RpcMixin
from odoo.addons.website.tools import MockRequest
from odoo.tests import HttpCase, new_test_user


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


class OmniShopHttpCase(RpcMixin, HttpCase):
    """The default website given a channel of its own (warehouse *Omni Tour WH*), two
    pickup stores (Annecy, trusted; Brest, whose counts are below its channel's
    minimum), home delivery, and shoppers reaching it through its real routes: the
    public user and a portal customer without any right but the portal's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.warehouse = env["stock.warehouse"].create({"name": "Omni Tour WH", "code": "OTR"})
        cls.channel = env["omni.channel"].create({
            "name": "Omni Tour Web", "code": "omni-tour-web", "channel_type": "web",
            "warehouse_ids": [Command.set(cls.warehouse.ids)]})
        cls.website = env.ref("website.default_website")
        cls.website.write({"omni_channel_id": cls.channel.id,
                           "warehouse_id": cls.warehouse.id})
        # only this test's delivery methods
        env["delivery.carrier"].search([]).write({"is_published": False})
        stores = env["stock.warehouse"]
        for code, city, latitude, longitude in (("OTA", "Annecy", 45.8992, 6.1294),
                                                ("OTB", "Brest", 48.3904, -4.4861)):
            partner = env["res.partner"].create({
                "name": f"Omni Tour {city}", "street": "1 Grande Rue", "zip": "00000",
                "city": city, "country_id": env.ref("base.fr").id,
                "partner_latitude": latitude, "partner_longitude": longitude})
            store = env["stock.warehouse"].create(
                {"name": f"Omni Tour {city}", "code": code, "partner_id": partner.id})
            env["omni.channel"].create({
                "name": f"Omni Tour {city}", "code": f"omni-tour-{code.lower()}",
                "channel_type": "store", "warehouse_ids": [Command.set(store.ids)]})
            stores |= store
        cls.annecy, cls.brest = stores
        cls.annecy_channel = cls.annecy._omni_store_channel()
        cls.brest.lot_stock_id.omni_accuracy = 80.0
        cls.brest._omni_store_channel().min_location_accuracy = 95
        cls.pickup = env["delivery.carrier"].create({
            "name": "Omni Tour Pickup", "delivery_type": "in_store", "is_published": True,
            "website_id": cls.website.id, "warehouse_ids": [Command.set(stores.ids)],
            "product_id": env["product.product"].create(
                {"name": "Omni Tour Pickup", "type": "service"}).id})
        cls.courier = env["delivery.carrier"].create({
            "name": "Omni Tour Courier", "delivery_type": "fixed", "fixed_price": 0.0,
            "is_published": True, "website_id": cls.website.id,
            "product_id": env["product.product"].create(
                {"name": "Omni Tour Courier", "type": "service"}).id})
        cls.portal = cls.rpc_user(
            "omni_tour_portal", ["base.group_portal"], name="Omni Tour Portal",
            street="2 Rue du Lac", zip="74000", city="Annecy",
            country_id=env.ref("base.fr").id, phone="+33 4 50 00 00 00")
        cls.external_requests = []

    @classmethod
    def _product(cls, name, **vals):
        return cls.env["product.product"].create({
            "name": name, "type": "consu", "is_storable": True, "is_published": True,
            "list_price": 20.0, "show_availability": True, "available_threshold": 5,
            "allow_out_of_stock_order": False, **vals})

    @classmethod
    def _put(cls, location, quantity, product):
        cls.env["stock.quant"]._update_available_quantity(product, location, quantity)

    def fetch_proxy(self, url):
        self.external_requests.append(url)
        return super().fetch_proxy(url)

    # ------------------------------------------------------------------ shopper's routes

    def _as(self, user=None):
        """The next requests are ``user``'s (default: a new visitor)."""
        self._rpc_uid = None
        if user:
            self._rpc_session(user)
        else:
            self.authenticate(None, None)

    def _page(self, url, **kwargs):
        """GET a shop page as the current shopper; it must answer (no error page)."""
        self.env.flush_all()
        response = self.url_open(url, allow_redirects=kwargs.pop("allow_redirects", True),
                                 **kwargs)
        self.env.invalidate_all()
        self.assertLess(response.status_code, 400, f"{url}: {response.status_code}")
        return response

    def _post_form(self, url, values):
        """POST a shop form (with the session's CSRF token)."""
        self.env.flush_all()
        response = self.url_open(
            url, data={**values, "csrf_token": http.Request.csrf_token(self)})
        self.env.invalidate_all()
        self.assertLess(response.status_code, 400, f"{url}: {response.status_code}")
        return response

    def _add_to_cart(self, product, quantity=1):
        """``/shop/cart/update_json``; return ``(cart, answer)``."""
        answer = self.json_route("/shop/cart/update_json", {
            "product_id": product.id, "add_qty": quantity})
        line = self.env["sale.order.line"].browse(answer["line_id"])
        return line.order_id, answer

    def _choose_store(self, product, store):
        """The product page's pickup picker, then that store."""
        answer = self.json_route("/website_sale/get_pickup_locations",
                                 {"product_id": product.id})
        location = next(loc for loc in answer["pickup_locations"] if loc["id"] == store.id)
        self.json_route("/shop/set_click_and_collect_location",
                        {"pickup_location_data": json.dumps(location)})
        return answer["pickup_locations"]

    def _holds(self, cart):
        return cart.sudo().omni_hold_ids.filtered(lambda h: h.state == "active")
