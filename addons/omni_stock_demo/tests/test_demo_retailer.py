from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoRetailer(TransactionCase):
    """The demo retailer shows every status and every channel rule somewhere."""

    def test_shape(self):
        stores = self.env["omni.channel"].search([("channel_type", "=", "store")])
        self.assertGreaterEqual(len(stores), 5)
        self.assertEqual(len(stores.warehouse_ids), len(stores))
        for warehouse in stores.warehouse_ids:
            backroom = self.env["stock.location"].search(
                [("id", "child_of", warehouse.view_location_id.id),
                 ("omni_status", "=", "unpickable")])
            self.assertTrue(backroom, warehouse.name)
        self.assertEqual(
            len(self.env["omni.channel"].search([("channel_type", "=", "marketplace")])), 2)
        self.assertTrue(self.env["omni.channel"].search([("channel_type", "=", "web")]))
        tee = self.env.ref("omni_stock_demo.product_tee_blk_m")
        self.assertGreater(tee.product_tmpl_id.product_variant_count, 1)

    def test_a_retailer_with_its_own_logo_and_pictures(self):
        """Not "YourLogo" / "Company name": the company, the shop and each garment
        (each colour of it) have their own picture."""
        company = self.env.ref("base.main_company")
        self.assertEqual(company.name, "Maison Lumière")
        self.assertTrue(company.logo)
        self.assertNotEqual(company.logo, company._get_logo(), "not Odoo's placeholder")
        website = self.env.ref("website.default_website")
        self.assertEqual(website.logo, company.logo)
        black = self.env.ref("omni_stock_demo.product_tee_blk_m")
        white = self.env.ref("omni_stock_demo.product_tee_wht_m")
        templates = self.env["product.template"].search([("default_code", "=", False),
                                                         ("categ_id.name", "!=", False),
                                                         ("is_published", "=", True)])
        self.assertTrue(templates, "the shop's collection")
        self.assertTrue(all(templates.mapped("image_128")), templates.filtered(
            lambda t: not t.image_128).mapped("name"))
        self.assertTrue(black.image_128 and white.image_128)
        self.assertNotEqual(black.image_128, white.image_128, "each colour its picture")

    def test_every_status_is_visible(self):
        products = self.env["product.product"].search([("default_code", "!=", False)])
        figures = self.env["omni.ats"].compute(products)
        for bucket in ("sellable", "reserved", "unpickable", "damaged", "quarantine",
                       "inspection", "in_transit", "incoming"):
            self.assertTrue(any(f[bucket] > 0 for f in figures.values()), bucket)
        tee = self.env.ref("omni_stock_demo.product_tee_blk_m")
        for bucket in ("unpickable", "damaged", "quarantine", "inspection"):
            self.assertGreater(figures[tee.id][bucket], 0, bucket)

    def test_every_rule_is_visible(self):
        tee = self.env.ref("omni_stock_demo.product_tee_blk_m")
        kinds = set()
        for channel in self.env["omni.channel"].search([]):
            explanation = channel.explain(tee)
            self.assertAlmostEqual(explanation.total, explanation.ats, msg=channel.code)
            kinds |= {line.kind for line in explanation.lines}
        self.assertLessEqual({"sellable", "reserved", "untrusted", "safety", "allocation"}, kinds)
        coat = self.env.ref("omni_stock_demo.product_coat_cml_m")
        web = self.env.ref("omni_stock_demo.channel_web")
        self.assertEqual(web.get_ats(coat)[coat.id]["safety"], 3, "category rule")
        b2b = self.env.ref("omni_stock_demo.channel_b2b")
        self.assertGreater(b2b.get_ats(tee)[tee.id]["safety"], 0, "days of cover")
