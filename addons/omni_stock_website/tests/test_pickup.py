from unittest.mock import patch

from odoo import Command
from odoo.addons.base_geolocalize.models.base_geocoder import GeoCoder
from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from .common import OmniWebsiteCase


@tagged("post_install", "-at_install")
class TestPickupInStore(OmniWebsiteCase):
    """Each store promises its own channel's stock; choosing one moves the cart there."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        france = cls.env.ref("base.fr")
        cls.stores = cls.env["stock.warehouse"]
        cls.store_channels = cls.env["omni.channel"]
        for code, city, latitude, longitude in (("OSA", "Annecy", 45.8992, 6.1294),
                                                ("OSB", "Brest", 48.3904, -4.4861)):
            partner = cls.env["res.partner"].create({
                "name": f"Omni Store {city}", "street": "1 Grande Rue", "zip": "00000",
                "city": city, "country_id": france.id,
                "partner_latitude": latitude, "partner_longitude": longitude})
            store = cls.env["stock.warehouse"].create(
                {"name": f"Omni Store {city}", "code": code, "partner_id": partner.id})
            cls.stores |= store
            cls.store_channels |= cls.env["omni.channel"].create({
                "name": f"Omni Store {city}", "code": f"omni-{code.lower()}",
                "channel_type": "store", "warehouse_ids": [Command.set(store.ids)]})
        cls.annecy, cls.brest = cls.stores
        cls.annecy_channel, cls.brest_channel = cls.store_channels
        # Brest's counts are not good enough for its channel
        cls.brest.lot_stock_id.omni_accuracy = 80.0
        cls.brest_channel.min_location_accuracy = 95.0
        cls.pickup = cls.env["delivery.carrier"].create({
            "name": "Omni Pickup", "delivery_type": "in_store", "is_published": True,
            "website_id": cls.website.id, "warehouse_ids": [Command.set(cls.stores.ids)],
            "product_id": cls.env["product.product"].create(
                {"name": "Omni Pickup", "type": "service"}).id,
        })

    def _locations(self, cart, product=None, user=None):
        with self._shopper(user, cart=cart) as shop, patch.object(
                GeoCoder, "geo_find", side_effect=AssertionError("geocoding called")):
            # the route reads the carrier of the (sudo) cart
            carrier = self.pickup.with_env(shop.env).sudo().with_context(
                force_geo_localize=True)
            locations = carrier._in_store_get_close_locations(
                cart.partner_shipping_id, product_id=product and str(product.id))
        return {location["id"]: location["additional_data"]["in_store_stock"]
                for location in locations}

    def test_each_store_from_its_own_channel(self):
        self._put(self.stock, 1)
        self._put(self.annecy.lot_stock_id, 3)
        self._put(self.brest.lot_stock_id, 5)
        self.annecy_channel.safety_stock_qty = 1
        annecy = self.annecy._omni_pickup_availability(self.product)[self.product.id]
        brest = self.brest._omni_pickup_availability(self.product)[self.product.id]
        self.assertEqual(annecy, (2, ""), "3 on the shelf - 1 safety stock")
        self.assertEqual(brest[0], 0, "Brest's stock is not trusted")
        self.assertIn("80%", brest[1])
        self.assertIn("95%", brest[1])
        # the picker shows the same, without geocoding anybody
        cart = self._cart(1)
        stock = self._locations(cart, self.product)
        self.assertEqual((stock[self.annecy.id]["in_stock"], stock[self.annecy.id]["quantity"]),
                         (True, 2))
        self.assertFalse(stock[self.brest.id]["in_stock"])
        # the shopper reads a plain sentence; the accuracy is the staff's
        self.assertEqual(stock[self.brest.id]["omni_reason"], "Not available for pickup today")
        self.assertIsInstance(stock[self.annecy.id]["quantity"], int, "2, not 2.0")

    def test_staff_read_the_reason_shoppers_a_plain_sentence(self):
        self._put(self.brest.lot_stock_id, 5)
        salesman = new_test_user(self.env, "omni_pickup_sales", email=False,
                                 groups="sales_team.group_sale_salesman")
        for user, expected in ((self.public_user, "Not available for pickup today"),
                               (self.customer, "Not available for pickup today"),
                               (salesman, "stock not verified (count accuracy 80%, 95% "
                                          "required)")):
            stock = self._locations(self.env["sale.order"], self.product, user=user)
            self.assertFalse(stock[self.brest.id]["in_stock"])
            self.assertEqual(stock[self.brest.id]["omni_reason"], expected, user.login)
        # a store with nothing at all gives no reason
        stock = self._locations(self.env["sale.order"], self.product)
        self.assertEqual(stock[self.annecy.id]["omni_reason"], "")

    def test_choosing_a_store_moves_the_holds(self):
        self._put(self.stock, 2)
        self._put(self.annecy.lot_stock_id, 4)
        cart = self._cart(2)
        web_hold = self._holds(cart)
        self.assertEqual(web_hold.channel_id, self.channel)
        with self._shopper(cart=cart) as shop:
            order = shop.sale_get_order()
            order.set_delivery_line(self.pickup, 0.0)
            order._set_pickup_location(self._pickup_data(self.annecy))
            self.assertEqual(order.omni_channel_id, self.annecy_channel)
            store_hold = self._holds(cart)
            self.assertEqual((store_hold.channel_id, store_hold.quantity),
                             (self.annecy_channel, 2))
            self.assertEqual(web_hold.state, "released")
            self.assertEqual(self._ats(self.channel)["ats"], 2)
            self.assertEqual(self._ats(self.annecy_channel)["ats"], 2)
            # the product page now speaks for Annecy, the shopper's hold counted as his
            info = self._combination(cart=cart)
            self.assertEqual((info["free_qty"], info["cart_qty"]), (4, 2))
            self.assertEqual(info["in_store_stock"]["quantity"], 4)
            self.assertFalse(order._get_unavailable_order_lines(self.annecy.id))
            order._check_cart_is_ready_to_be_paid()
            # back to home delivery: back to the web channel
            order.set_delivery_line(self.env.ref("delivery.free_delivery_carrier"), 0.0)
            self.assertEqual(order.omni_channel_id, self.channel)
            self.assertEqual(self._holds(cart).channel_id, self.channel)

    def test_out_of_stock_online_available_in_store(self):
        self._put(self.annecy.lot_stock_id, 2)
        info = self._combination()
        self.assertEqual(info["free_qty"], 0, "nothing online")
        self.assertTrue(info["in_store_stock"]["in_stock"], "but in a store")
        self.assertEqual(info["in_store_stock"]["quantity"], 2)

    def test_untrusted_store_refuses_checkout(self):
        self._put(self.brest.lot_stock_id, 5)
        self._put(self.stock, 1)
        cart = self._cart(1)
        with self._shopper(cart=cart) as shop:
            order = shop.sale_get_order()
            order.set_delivery_line(self.pickup, 0.0)
            order._set_pickup_location(self._pickup_data(self.brest))
            lines = order._get_unavailable_order_lines(self.brest.id)
            self.assertEqual(lines, order.order_line.filtered("is_storable"))
            self.assertEqual(lines.shop_warning, "Not available for pickup today")
            with self.assertRaises(ValidationError):
                order._check_cart_is_ready_to_be_paid()
        stock = self._locations(cart)
        self.assertFalse(stock[self.brest.id]["in_stock"])
        self.assertFalse(stock[self.annecy.id]["in_stock"], "nothing of it in Annecy")

    def test_store_without_channel_is_not_offered(self):
        lonely = self.env["stock.warehouse"].create({"name": "Omni Depot", "code": "OSD"})
        self._put(lonely.lot_stock_id, 9)
        quantity, reason = lonely._omni_pickup_availability(self.product)[self.product.id]
        self.assertEqual(quantity, 0)
        self.assertTrue(reason)
