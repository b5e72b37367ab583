from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoWebsite(TransactionCase):
    """The demo shop shows low stock, pickup-only stock, a held cart and a store whose
    stock is not trusted."""

    def _variant(self, code):
        return self.env.ref(f"omni_stock_demo.product_{code.lower().replace('-', '_')}")

    def test_shop_channel_and_stock(self):
        website = self.env.ref("website.default_website")
        web = self.env.ref("omni_stock_demo.channel_web")
        self.assertEqual(website.omni_channel_id, web)
        low = self._variant("SNK-WHT-44") | self._variant("JEAN-IND-34")
        figures = web.get_ats(low)
        self.assertTrue(all(0 < figures[p.id]["ats"] <= 5 for p in low), figures)
        self.assertTrue(low.product_tmpl_id.mapped("show_availability")[0])

    def test_out_of_stock_online_available_in_lyon(self):
        coat = self._variant("COAT-BLK-L")
        web = self.env.ref("omni_stock_demo.channel_web")
        self.assertEqual(web.get_ats(coat)[coat.id]["ats"], 0)
        lyon = self.env.ref("omni_stock_demo.wh_lyo")
        quantity, _reason = lyon._omni_pickup_availability(coat)[coat.id]
        self.assertGreater(quantity, 0)
        pickup = self.env.ref("website_sale_collect.carrier_pick_up_in_store")
        self.assertTrue(pickup.is_published)
        self.assertIn(lyon, pickup.warehouse_ids)
        self.assertTrue(all(pickup.warehouse_ids.partner_id.mapped("partner_latitude")))

    def test_a_cart_holds_stock(self):
        cart = self.env.ref("omni_stock_demo.website_cart")
        hold = cart.omni_hold_ids
        self.assertEqual((hold.origin, hold.state, hold.quantity), ("website", "active", 2))
        hoodie = self._variant("HOOD-BLK-M")
        web = self.env.ref("omni_stock_demo.channel_web")
        self.assertEqual(web.get_ats(hoodie)[hoodie.id]["ats"], 1, "3 left, 2 in a cart")

    def test_marseille_stock_not_trusted(self):
        marseille = self.env.ref("omni_stock_demo.wh_mrs")
        products = self.env["product.product"].search(
            [("default_code", "like", "TEE-")])
        availability = marseille._omni_pickup_availability(products)
        self.assertTrue(all(quantity == 0 for quantity, _r in availability.values()))
        self.assertTrue(any("not verified" in reason for _q, reason in availability.values()))
