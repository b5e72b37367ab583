from odoo.addons.omni_stock.tests.rpc import RpcMixin
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "omni_tour")
class TestDemoShopperJourneys(RpcMixin, HttpCase):
    """The shopper's journeys of the README on the demo retailer's shop, in a real
    browser, as the shopper (a visitor, a portal customer), never as an employee."""

    def _variant(self, code):
        return self.env.ref(f"omni_stock_demo.product_{code.lower().replace('-', '_')}")

    def _web_ats(self, product):
        web = self.env.ref("omni_stock_demo.channel_web")
        return web.get_ats(product)[product.id]["ats"]

    def test_visitor_browses_the_shop_with_a_held_cart(self):
        sneaker = self._variant("SNK-WHT-44")
        self.assertEqual(self._web_ats(sneaker), 3, "the demo's low-stock sneaker")
        self.start_tour(sneaker.website_url, "omni_stock_demo_shop_held_cart")
        hold = self.env["omni.stock.hold"].search([
            ("product_id", "=", sneaker.id), ("origin", "=", "website"),
            ("state", "=", "active")])
        self.assertEqual(hold.quantity, 3)
        self.assertEqual(hold.sale_order_id.partner_id, self.env.ref("base.public_partner"))
        self.assertEqual(self._web_ats(sneaker), 0, "nothing left for the next shopper")

    def test_visitor_changes_sizes_of_a_low_stock_product(self):
        sneaker = self._variant("SNK-WHT-44")
        self.start_tour(sneaker.website_url, "omni_stock_demo_shop_variant_messages")
        self.assertEqual(self._web_ats(sneaker), 1, "2 of the 3 in his cart")

    def test_customer_picks_up_in_lyon_what_the_web_shop_has_not(self):
        coat = self._variant("COAT-BLK-L")
        lyon = self.env.ref("omni_stock_demo.wh_lyo")
        lyon_channel = self.env.ref("omni_stock_demo.channel_lyo")
        self.assertEqual(self._web_ats(coat), 0, "sold out online")
        customer = self.rpc_user(
            "jeanne.dupont", ["base.group_portal"], name="Jeanne Dupont",
            street="8 Rue Mercière", zip="69002", city="Lyon",
            country_id=self.env.ref("base.fr").id, phone="+33 4 78 00 00 00")
        self.start_tour(coat.website_url, "omni_stock_demo_shop_pickup_checkout",
                        login=customer.login)
        order = self.env["sale.order"].search(
            [("partner_id", "=", customer.partner_id.id)], order="id desc", limit=1)
        self.assertEqual(order.state, "sale", "paid with the Demo provider: confirmed")
        self.assertEqual(order.order_line.filtered("is_storable").product_id, coat)
        # Odoo ships a pickup order to the store, under the address she gave on the way
        self.assertEqual(order.partner_shipping_id.parent_id.name, "Jeanne Dupont Office")
        self.assertEqual(order.partner_shipping_id.city, "Lyon")
        self.assertEqual((order.omni_channel_id, order.warehouse_id), (lyon_channel, lyon))
        self.assertEqual(set(order.omni_hold_ids.mapped("state")), {"confirmed"},
                         "the cart's hold went with the confirmation")
        picking = order.picking_ids
        self.assertEqual(picking.picking_type_id.warehouse_id, lyon)
        self.assertTrue(picking.location_id.warehouse_id == lyon, "delivered from Lyon")
        self.assertTrue(order.transaction_ids.filtered(lambda tx: tx.state == "done"))
