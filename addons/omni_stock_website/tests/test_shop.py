from unittest.mock import patch

from odoo import Command
from odoo.addons.omni_stock.models.omni_ats import OmniAts
from odoo.tests import tagged

from .common import OmniWebsiteCase


@tagged("post_install", "-at_install")
class TestShopAvailability(OmniWebsiteCase):
    """What the shop says about stock is the channel's ATS, rules included."""

    def test_product_page_is_channel_ats_with_every_rule(self):
        self._put(self.stock, 10)
        untrusted = self.env["stock.location"].create({
            "name": "Mezzanine", "location_id": self.stock.id, "usage": "internal",
            "omni_accuracy": 80.0})
        self._put(untrusted, 6)
        self.channel.write({"safety_stock_qty": 2, "min_location_accuracy": 95})
        self.env["omni.stock.hold"].reserve(self.marketplace, self.product, 3, "mkt-1")
        engine = self.env["omni.ats"].compute(self.product, channel=self.channel)
        self.assertEqual(engine[self.product.id]["ats"], 5, "10 trusted - 3 held - 2 safety")
        info = self._combination()
        self.assertEqual(info["free_qty"], 5)
        self.assertFalse(info["allow_out_of_stock_order"])
        self.assertTrue(info["omni_channel"])
        # Odoo's own figure would promise the untrusted mezzanine and ignore rules and holds
        self.assertEqual(self.product.with_context(warehouse_id=self.warehouse.id).free_qty, 16)
        self.assertExplained(self.channel)

    def test_variant_switching_reads_each_variant(self):
        colour = self.env["product.attribute"].create({"name": "Omni Colour", "value_ids": [
            Command.create({"name": "Red"}), Command.create({"name": "Blue"})]})
        template = self.env["product.template"].create({
            "name": "Omni Scarf", "is_storable": True, "type": "consu", "is_published": True,
            "list_price": 5, "allow_out_of_stock_order": False,
            "attribute_line_ids": [Command.create({
                "attribute_id": colour.id, "value_ids": [Command.set(colour.value_ids.ids)]})],
        })
        red, blue = template.product_variant_ids
        self._put(self.stock, 4, red)
        self.assertEqual(self._combination(red)["free_qty"], 4)
        self.assertEqual(self._combination(blue)["free_qty"], 0)
        with self._shopper() as shop:
            template = template.with_env(shop.env)
            self.assertFalse(template._is_sold_out(), "a variant is available")
            self.assertTrue(template._website_show_quick_add())
        self._put(self.stock, -4, red)
        with self._shopper() as shop:
            template = template.with_env(shop.env)
            self.assertTrue(template._is_sold_out())
            self.assertTrue(template._omni_sold_out())
            self.assertFalse(template._website_show_quick_add())

    def test_grid_sold_out_and_quick_add(self):
        self._put(self.stock, 1)
        with self._shopper() as shop:
            template = self.product.product_tmpl_id.with_env(shop.env)
            self.assertFalse(template._omni_sold_out())
            self.assertTrue(template._website_show_quick_add())
        self.env["omni.stock.hold"].reserve(self.marketplace, self.product, 1, "mkt-last")
        with self._shopper() as shop:
            template = self.product.product_tmpl_id.with_env(shop.env)
            self.assertTrue(template._omni_sold_out(), "the last unit is held elsewhere")
            self.assertFalse(template._website_show_quick_add())
            self.assertFalse(self.product.with_env(shop.env)._website_show_quick_add())

    def test_backorder_channel_keeps_selling_products_allowed_out_of_stock(self):
        self.product.allow_out_of_stock_order = True
        with self._shopper() as shop:
            self.assertTrue(self.product.product_tmpl_id.with_env(shop.env)._omni_sold_out(),
                            "a blocking channel does not sell what it has not")
        self.channel.oversell_policy = "backorder"
        info = self._combination()
        self.assertTrue(info["allow_out_of_stock_order"])
        with self._shopper() as shop:
            self.assertFalse(self.product.product_tmpl_id.with_env(shop.env)._omni_sold_out())

    def test_one_engine_call_for_the_products_of_a_page(self):
        products = self.product | self._product("Omni Cap", "OMNI-CAP") | self._product(
            "Omni Sock", "OMNI-SOCK")
        for index, product in enumerate(products[1:], start=1):
            self._put(self.stock, index, product)
        calls = []
        compute = OmniAts.compute

        def counting(engine, products, *args, **kwargs):
            calls.append(len(products))
            return compute(engine, products, *args, **kwargs)

        with patch.object(OmniAts, "compute", counting), self._shopper() as shop:
            shop._omni_prefetch(products)
            templates = products.product_tmpl_id.with_env(shop.env)
            sold_out = [template._omni_sold_out() for template in templates]
            quick = [template._website_show_quick_add() for template in templates]
            infos = [shop._get_product_available_qty(product.sudo()) for product in products]
        self.assertEqual(sold_out, [True, False, False])
        self.assertEqual(quick, [False, True, True])
        self.assertEqual(infos, [0, 1, 2])
        self.assertEqual(len(calls), 1, "one engine call for the whole page")

    def test_configurator_gets_what_is_left_to_the_shopper(self):
        self._put(self.stock, 5)
        cart = self._cart(2)
        with self._shopper(cart=cart) as shop:
            data = self.env["product.template"].with_env(shop.env).with_context(
                website_id=shop.id)._get_additional_configurator_data(
                self.product.sudo(), None, shop.currency_id, shop.pricelist_id)
        self.assertEqual(data["free_qty"], 3, "5 for this shopper, 2 already in his cart")

    def test_channel_must_match_the_website(self):
        other = self.env["stock.warehouse"].create({"name": "Elsewhere", "code": "ELSW"})
        with self.assertRaisesRegex(Exception, "not a source"):
            self.website.warehouse_id = other
