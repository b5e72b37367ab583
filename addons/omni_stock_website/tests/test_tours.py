from unittest.mock import patch

from odoo.addons.omni_stock.models.omni_ats import OmniAts
from odoo.tests import tagged

from .common import OmniShopHttpCase


@tagged("post_install", "-at_install", "omni_tour")
class TestShopTours(OmniShopHttpCase):
    """Shoppers in a real browser on the default website, given a channel of its own."""

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
