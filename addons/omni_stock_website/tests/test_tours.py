from unittest.mock import patch

from odoo import Command
from odoo.addons.omni_stock.models.omni_ats import OmniAts
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "omni_tour")
class TestShopTours(HttpCase):
    """Shoppers in a real browser on the default website, given a channel of its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.warehouse = env["stock.warehouse"].create({"name": "Omni Tour WH", "code": "OTR"})
        cls.channel = env["omni.channel"].create({
            "name": "Omni Tour Web", "code": "omni-tour-web", "channel_type": "web",
            "warehouse_ids": [Command.set(cls.warehouse.ids)]})
        cls.website = env.ref("website.default_website")
        cls.website.write({"omni_channel_id": cls.channel.id,
                           "warehouse_id": cls.warehouse.id})
        # only this test's pickup stores
        env["delivery.carrier"].search([("delivery_type", "=", "in_store")]).write(
            {"is_published": False})
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
        cls.brest.lot_stock_id.omni_accuracy = 80.0
        env["omni.channel"].search([("code", "=", "omni-tour-otb")]).min_location_accuracy = 95
        env["delivery.carrier"].create({
            "name": "Omni Tour Pickup", "delivery_type": "in_store", "is_published": True,
            "website_id": cls.website.id, "warehouse_ids": [Command.set(stores.ids)],
            "product_id": env["product.product"].create(
                {"name": "Omni Tour Pickup", "type": "service"}).id})
        cls.external_requests = []

    def _product(self, name):
        return self.env["product.product"].create({
            "name": name, "type": "consu", "is_storable": True, "is_published": True,
            "list_price": 20.0, "show_availability": True, "available_threshold": 5,
            "allow_out_of_stock_order": False})

    def _put(self, location, quantity, product):
        self.env["stock.quant"]._update_available_quantity(product, location, quantity)

    def fetch_proxy(self, url):
        self.external_requests.append(url)
        return super().fetch_proxy(url)

    def test_only_2_left_then_out_of_stock(self):
        product = self._product("Omni Tour Lamp")
        self._put(self.warehouse.lot_stock_id, 2, product)
        url = product.website_url
        self.start_tour(url, "omni_stock_website_only_2_left")
        hold = self.env["omni.stock.hold"].search([("product_id", "=", product.id)])
        self.assertEqual((hold.quantity, hold.state, hold.origin, hold.channel_id),
                         (2, "active", "website", self.channel))
        self.start_tour(url, "omni_stock_website_out_of_stock")

    def test_pickup_in_store(self):
        product = self._product("Omni Tour Lantern")
        self._put(self.annecy.lot_stock_id, 2, product)
        self._put(self.brest.lot_stock_id, 5, product)
        self.start_tour(product.website_url, "omni_stock_website_pickup")
        hold = self.env["omni.stock.hold"].search([("product_id", "=", product.id)])
        self.assertEqual((hold.quantity, hold.channel_id.warehouse_ids), (1, self.annecy))
        self.assertEqual(hold.sale_order_id.omni_channel_id, hold.channel_id)
        called_out = [url for url in self.external_requests
                      if any(host in url for host in ("nominatim", "maps.googleapis",
                                                      "tile.openstreetmap"))]
        self.assertEqual(called_out, [], "no geocoding or map service")

    def test_shop_page_asks_the_engine_once(self):
        """A /shop page with quick add reads every product's stock: one engine call."""
        self.env.ref("website_sale.products_add_to_cart").active = True
        in_stock = [self._product(f"Omni Grid Full {i}") for i in range(3)]
        sold_out = [self._product(f"Omni Grid Empty {i}") for i in range(3)]
        for product in in_stock:
            self._put(self.warehouse.lot_stock_id, 4, product)
        calls = []
        compute = OmniAts.compute

        def counting(engine, products, *args, **kwargs):
            calls.append(kwargs.get("channel"))
            return compute(engine, products, *args, **kwargs)

        with patch.object(OmniAts, "compute", counting):
            response = self.url_open("/shop?search=Omni+Grid")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(calls), 1, calls)
        html = response.text
        for product in in_stock + sold_out:
            self.assertIn(product.name, html)
        self.assertEqual(html.count("o_omni_sold_out"), len(sold_out))
