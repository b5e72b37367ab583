from odoo.tests import tagged

from .common import OmniShopHttpCase


@tagged("post_install", "-at_install")
class TestShopDoorsWithHeldCart(OmniShopHttpCase):
    """A shopper whose cart holds stock reaches every shop route the suite feeds, as a
    visitor and as a portal customer (no right on units of measure, holds or channels):
    the shop reads its figures past his rights only for products he may see."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lamp = cls._product("Omni Door Lamp")
        cls._put(cls.warehouse.lot_stock_id, 3, cls.lamp)
        cls._put(cls.annecy.lot_stock_id, 2, cls.lamp)
        cls.hidden = cls._product("Omni Door Prototype", is_published=False)
        cls._put(cls.annecy.lot_stock_id, 9, cls.hidden)
        # the grid's quick add reads each product's availability too
        cls.env.ref("website_sale.products_add_to_cart").active = True

    def _walk_the_shop(self):
        cart, answer = self._add_to_cart(self.lamp)
        self.assertEqual(answer["quantity"], 1)
        self.assertEqual(self._holds(cart).quantity, 1, "the cart holds the lamp")
        template = self.lamp.product_tmpl_id
        for url in ("/shop", "/shop?search=Omni+Door", template.website_url, "/shop/cart"):
            self.assertIn("Omni Door Lamp", self._page(url).text, url)
        info = self.json_route("/website_sale/get_combination_info", {
            "product_template_id": template.id, "product_id": self.lamp.id,
            "combination": [], "add_qty": 1})
        self.assertEqual((info["free_qty"], info["cart_qty"]), (3, 1),
                         "his own hold counts as his")
        self.assertTrue(info["omni_unit_uom"])
        configurator = self.json_route("/website_sale/product_configurator/get_values", {
            "product_template_id": template.id, "quantity": 1,
            "currency_id": self.website.currency_id.id, "so_date": "2026-01-01 00:00:00",
            "ptav_ids": []})
        self.assertEqual(configurator["products"][0]["free_qty"], 2,
                         "3 for him, 1 of them already in his cart")
        locations = self.json_route("/website_sale/get_pickup_locations",
                                    {"product_id": self.lamp.id})["pickup_locations"]
        annecy = next(loc for loc in locations if loc["id"] == self.annecy.id)
        self.assertEqual(annecy["additional_data"]["in_store_stock"]["quantity"], 2)
        # the picker says nothing of a product the shopper may not see
        locations = self.json_route("/website_sale/get_pickup_locations",
                                    {"product_id": self.hidden.id})["pickup_locations"]
        self.assertFalse(any(loc["additional_data"]["in_store_stock"]["in_stock"]
                             for loc in locations))
        for url in ("/shop/checkout", "/shop/address", "/shop/payment", "/shop/confirmation"):
            self._page(url)
        return cart

    def test_visitor_with_a_held_cart(self):
        self._as(None)
        cart = self._walk_the_shop()
        self.assertEqual(cart.partner_id, self.website.user_id.partner_id)

    def test_portal_customer_with_a_held_cart(self):
        self._as(self.portal)
        cart = self._walk_the_shop()
        self.assertEqual(cart.partner_id, self.portal.partner_id)
        # home delivery: his checkout goes as far as the payment form
        self.json_route("/shop/set_delivery_method", {"dm_id": self.courier.id})
        self.assertIn("o_payment_form", self._page("/shop/payment").text)

    def test_grid_says_sold_out_for_the_next_visitor(self):
        self._as(None)
        self._add_to_cart(self.lamp, 3)
        self._as(None)  # another visitor
        self.assertIn("o_omni_sold_out", self._page("/shop?search=Omni+Door").text)


@tagged("post_install", "-at_install")
class TestPickupCheckoutRoutes(OmniShopHttpCase):
    """The store chosen for pickup survives every checkout step; a product only a store
    has stays in the cart, offered for pickup."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coat = cls._product("Omni Tour Coat")
        cls._put(cls.annecy.lot_stock_id, 2, cls.coat)

    def _pickup_cart(self):
        self._choose_store(self.coat, self.annecy)
        cart, answer = self._add_to_cart(self.coat)
        self.assertEqual(answer["quantity"], 1, "nothing online, but Annecy has it")
        self._assert_picked_up_in_annecy(cart)
        return cart

    def _assert_picked_up_in_annecy(self, cart):
        self.assertEqual(cart.carrier_id, self.pickup)
        self.assertEqual(cart.pickup_location_data.get("id"), self.annecy.id)
        self.assertEqual(cart.omni_channel_id, self.annecy_channel)
        self.assertEqual(cart.warehouse_id, self.annecy, "delivered from the store")
        self.assertEqual(cart.order_line.filtered("is_storable").product_uom_qty, 1)
        hold = self._holds(cart)
        self.assertEqual((hold.channel_id, hold.product_id, hold.quantity),
                         (self.annecy_channel, self.coat, 1))

    def test_visitor_gives_his_address(self):
        self._as(None)
        cart = self._pickup_cart()
        answer = self._post_form("/shop/address/submit", {
            "address_type": "delivery", "use_delivery_as_billing": "true",
            "name": "Omni Visitor", "email": "visitor@example.com", "phone": "0102030405",
            "street": "3 Quai Perrière", "city": "Grenoble", "zip": "38000",
            "country_id": self.env.ref("base.fr").id})
        self.assertNotIn("invalid_fields", answer.json())
        self._page("/shop/checkout")
        self.assertEqual(cart.partner_id.name, "Omni Visitor")
        self._assert_picked_up_in_annecy(cart)
        self._page("/shop/payment")
        self._assert_picked_up_in_annecy(cart)

    def test_portal_customer_adds_a_delivery_address(self):
        self._as(self.portal)
        cart = self._pickup_cart()
        self._page("/shop/checkout")
        self._post_form("/shop/address/submit", {
            "address_type": "delivery", "name": "Omni Tour Office",
            "street": "9 Rue Royale", "city": "Annecy", "zip": "74000",
            "country_id": self.env.ref("base.fr").id, "phone": "0450000001"})
        self.assertEqual(cart.partner_shipping_id.name, "Omni Tour Office")
        self._assert_picked_up_in_annecy(cart)
        self._page("/shop/payment")
        self._assert_picked_up_in_annecy(cart)

    def test_pickup_only_product_is_offered_for_pickup_not_dropped(self):
        self._as(self.portal)
        cart = self._pickup_cart()
        self._page("/shop/checkout")
        # the customer asks for home delivery: the web shop has no coat
        self.json_route("/shop/set_delivery_method", {"dm_id": self.courier.id})
        self.assertEqual(cart.omni_channel_id, self.channel)
        self.assertFalse(self._holds(cart), "no web stock to hold")
        for url in ("/shop/cart", "/shop/checkout"):
            self.assertIn("pick it up in store", self._page(url).text)
            self.assertEqual(cart.order_line.filtered("is_storable").product_id, self.coat,
                             f"{url}: still in the cart")
        payment = self._page("/shop/payment").text
        self.assertIn("Pick up in store only", payment)
        self.assertIn("Omni Tour Annecy has it", payment)
        # choosing the store again brings the hold back
        self._choose_store(self.coat, self.annecy)
        self._assert_picked_up_in_annecy(cart)
        self.assertNotIn("Pick up in store only", self._page("/shop/payment").text)
