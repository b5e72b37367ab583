"""A real web shop on a real Odoo server: shoppers, carts and payments over HTTP.

Used by ``tests/test_concurrency_website.py`` and ``bench_website.py``, with the
server of ``holds_server.OdooServer``.

``ShopFixture(db, port)`` commits a shop of its own: a warehouse holding the
fixture's products, a web channel drawing on it, a website answering on
``http://127.0.0.1:<port>`` (the server's address) with that channel, a free
courier and portal shoppers with passwords; it pays with Odoo's demo payment
provider (module ``payment_demo``). ``Shopper`` is one browser session: it logs
in, adds to its cart and pays through the shop's own routes (JSON-RPC).
"""

import http.cookiejar
import json
import time
import urllib.error
import urllib.request
import uuid

import odoo
from odoo import SUPERUSER_ID, api

PASSWORD = "shop-race-1"  # noqa: S105 - committed test shoppers, removed afterwards


class ShopError(Exception):
    """The shop refused (a JSON-RPC error): ``str(error)`` is what the shopper reads."""


class Shopper:
    """One shopper's browser session on the shop."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self._id = 0

    def get(self, path, timeout=60):
        """``(status, html)`` of a page."""
        try:
            with self.opener.open(f"{self.base_url}{path}", timeout=timeout) as response:
                return response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def call(self, path, timeout=120, **params):
        """The ``result`` of a JSON-RPC route; :class:`ShopError` with its message."""
        self._id += 1
        request = urllib.request.Request(
            f"{self.base_url}{path}", method="POST",
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": self._id,
                             "params": params}).encode(),
            headers={"Content-Type": "application/json"})
        with self.opener.open(request, timeout=timeout) as response:
            body = json.loads(response.read())
        if "error" in body:
            error = body["error"]
            raise ShopError(error.get("data", {}).get("message") or error.get("message"))
        return body.get("result")

    def login(self, db, login):
        return self.call("/web/session/authenticate", db=db, login=login, password=PASSWORD)

    def add(self, product_id, quantity=1):
        return self.call("/shop/cart/update_json", product_id=product_id, add_qty=quantity)

    def set_delivery(self, carrier_id):
        return self.call("/shop/set_delivery_method", dm_id=str(carrier_id))

    def pay(self, order_id, access_token, provider_id, method_id):
        """Pay the cart with the demo provider; the final transaction state ('done').

        :raise ShopError: the shop refused to take the payment.
        """
        processing = self.call(
            f"/shop/payment/transaction/{order_id}", access_token=access_token,
            provider_id=provider_id, payment_method_id=method_id, token_id=None,
            amount=None, flow="direct", tokenization_requested=False,
            landing_route="/shop/payment/validate", is_validation=False)
        self.call("/payment/demo/simulate_payment", reference=processing["reference"],
                  payment_details="4242", simulated_state="done")
        for _attempt in range(30):
            try:
                return self.call("/payment/status/poll")["state"]
            except ShopError as error:
                if "retry" not in str(error):
                    raise
                time.sleep(0.2)  # the post-processing lost a race: Odoo asks to retry
        raise ShopError("payment post-processing never finished")


class ShopFixture:
    """Committed shop data; ``units`` of each of ``products`` products in stock."""

    def __init__(self, db, port, units=1, products=1, shoppers=2):
        self.db, self.port, self.units = db, port, units
        self.count, self.shopper_count = products, shoppers
        self.tag = uuid.uuid4().hex[:6]
        self.ids = {}

    def env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def cursor(self):
        return odoo.modules.registry.Registry(self.db).cursor()

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def logins(self):
        return [f"shop-{self.tag}-{index}" for index in range(self.shopper_count)]

    def __enter__(self):
        with self.cursor() as cr:
            env = self.env(cr)
            provider = env.ref("payment.payment_provider_demo", raise_if_not_found=False)
            if not provider or provider.module_state != "installed":
                raise RuntimeError("the shop fixture pays with payment_demo: install it")
            provider.write({"state": "test", "is_published": True})
            warehouse = env["stock.warehouse"].create(
                {"name": f"Shop {self.tag}", "code": f"S{self.tag[:4]}".upper()})
            channel = env["omni.channel"].create({
                "name": f"Shop {self.tag}", "code": f"shop-{self.tag}", "channel_type": "web",
                "warehouse_ids": [(6, 0, warehouse.ids)]})
            website = env["website"].create({
                "name": f"Shop {self.tag}", "domain": self.base_url,
                "warehouse_id": warehouse.id, "omni_channel_id": channel.id})
            products = env["product.product"].create([{
                "name": f"Shop {self.tag} {index}", "default_code": f"SHOP-{self.tag}-{index}",
                "type": "consu", "is_storable": True, "is_published": True,
                "list_price": 10.0, "allow_out_of_stock_order": False,
            } for index in range(self.count)])
            for product in products:
                env["stock.quant"]._update_available_quantity(
                    product, warehouse.lot_stock_id, self.units)
            carrier = env["delivery.carrier"].create({
                "name": f"Shop {self.tag} courier", "delivery_type": "fixed",
                "fixed_price": 0.0, "is_published": True, "website_id": website.id,
                "product_id": env["product.product"].create(
                    {"name": f"Shop {self.tag} courier", "type": "service"}).id})
            portal = env.ref("base.group_portal")
            users = env["res.users"].create([{
                "name": f"Shopper {login}", "login": login, "email": f"{login}@example.com",
                "password": PASSWORD, "groups_id": [(6, 0, portal.ids)],
                "street": "1 Rue du Test", "city": "Paris", "zip": "75001",
                "country_id": env.ref("base.fr").id,
            } for login in self.logins()])
            # the order confirmation email without its PDF: a server without wkhtmltopdf
            # cannot print it, and the race is about stock, not about documents
            params = env["ir.config_parameter"]
            template = env.ref("sale.mail_template_sale_confirmation").copy(
                {"name": f"Shop {self.tag} confirmation", "report_template_ids": False})
            self.confirmation_param = params.get_param("sale.default_confirmation_template")
            params.set_param("sale.default_confirmation_template", template.id)
            self.ids = {
                "template": template.id,
                "warehouse": warehouse.id, "channel": channel.id, "website": website.id,
                "products": products.ids, "carrier": carrier.id, "users": users.ids,
                "provider": provider.id,
                "method": provider.payment_method_ids.filtered("active")[:1].id,
            }
        return self

    # ------------------------------------------------------------------ shopping

    def shopper(self, index):
        """A logged-in shopper with an empty cart."""
        shopper = Shopper(self.base_url)
        shopper.login(self.db, self.logins()[index])
        return shopper

    def cart(self, index):
        """``(order id, access token)`` of shopper ``index``'s cart."""
        with self.cursor() as cr:
            env = self.env(cr)
            user = env["res.users"].browse(self.ids["users"][index])
            order = env["sale.order"].search([
                ("partner_id", "=", user.partner_id.id), ("state", "=", "draft"),
                ("website_id", "=", self.ids["website"])], order="id desc", limit=1)
            order._portal_ensure_token()
            return order.id, order.access_token

    def pay(self, shopper, index):
        order_id, token = self.cart(index)
        return shopper.pay(order_id, token, self.ids["provider"], self.ids["method"])

    # ------------------------------------------------------------------ the world moves

    def expire_holds(self):
        """Every active hold of the shop is past its expiry (the shoppers went away)."""
        with self.cursor() as cr:
            holds = self.env(cr)["omni.stock.hold"].search(
                [("channel_id", "=", self.ids["channel"]), ("state", "=", "active")])
            holds._write_lifecycle({"expires_at": "2000-01-01 00:00:00"})

    def set_stock(self, product_id, quantity):
        """Bring the warehouse's stock of ``product_id`` to ``quantity`` (a store sale,
        a breakage: stock leaves without the shop knowing)."""
        with self.cursor() as cr:
            env = self.env(cr)
            self.set_stock_env(env, env["product.product"].browse(product_id),
                               env["stock.warehouse"].browse(self.ids["warehouse"]), quantity)

    def confirmed_units(self, product_id):
        """Units of ``product_id`` in the shop's confirmed orders."""
        with self.cursor() as cr:
            lines = self.env(cr)["sale.order.line"].search([
                ("product_id", "=", product_id), ("order_id.state", "=", "sale"),
                ("order_id.website_id", "=", self.ids["website"])])
            return sum(lines.mapped("product_uom_qty"))

    def __exit__(self, *exc):
        if not self.ids:
            return
        with self.cursor() as cr:
            env = self.env(cr)
            orders = env["sale.order"].search([("website_id", "=", self.ids["website"])])
            orders._action_cancel()
            env["ir.config_parameter"].set_param(
                "sale.default_confirmation_template", self.confirmation_param or False)
            env["mail.template"].browse(self.ids["template"]).unlink()
            env["website"].browse(self.ids["website"]).write(
                {"domain": False, "omni_channel_id": False, "name": f"Shop {self.tag} (done)"})
            env["delivery.carrier"].browse(self.ids["carrier"]).write({"active": False})
            env["res.users"].browse(self.ids["users"]).write({"active": False})
            warehouse = env["stock.warehouse"].browse(self.ids["warehouse"])
            for product in env["product.product"].browse(self.ids["products"]):
                self.set_stock_env(env, product, warehouse, 0)
            env["product.product"].browse(self.ids["products"]).write({"active": False})
            env["omni.channel"].browse(self.ids["channel"]).write({"active": False})
            cr.commit()
            try:
                warehouse.active = False
                cr.commit()
            except Exception:  # noqa: BLE001 - archiving is tidiness, not the test
                cr.rollback()

    @staticmethod
    def set_stock_env(env, product, warehouse, quantity):
        location = warehouse.lot_stock_id
        on_hand = sum(env["stock.quant"].search(
            [("product_id", "=", product.id), ("location_id", "=", location.id)]
        ).mapped("quantity"))
        if on_hand != quantity:
            env["stock.quant"]._update_available_quantity(product, location, quantity - on_hand)
