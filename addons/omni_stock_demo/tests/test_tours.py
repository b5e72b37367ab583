from odoo.tests import HttpCase, tagged

REQUEST = "omni.stock.adjustment.request"


@tagged("post_install", "-at_install", "omni_tour")
class TestBackOfficeJourneys(HttpCase):
    """The back office and finance journeys of the README, in the browser, each as its
    demo user (login = password) on the demo retailer."""

    def setUp(self):
        super().setUp()
        # the first backend page after an install compiles the web client's assets:
        # done here, before the browser's clock starts
        for bundle in ("web.assets_web", "web.assets_tests"):
            assets = self.env["ir.qweb"]._get_asset_bundle(bundle)
            assets.js()
            assets.css()

    def test_clerk_count_waits_then_approver_approves(self):
        coat = self.env.ref("omni_stock_demo.product_coat_cml_m")
        lyon = self.env.ref("omni_stock_demo.wh_lyo").lot_stock_id
        Quant = self.env["stock.quant"]
        if Quant._omni_onhand(coat, lyon) != 8:
            Quant._update_available_quantity(coat, lyon, 8 - Quant._omni_onhand(coat, lyon))
        clerk = self.env.ref("omni_stock_demo.user_store_clerk")
        approver = self.env.ref("omni_stock_demo.user_approver")
        self.start_tour("/odoo", "omni_stock_demo_clerk_count", login=clerk.login,
                        timeout=300)
        request = self.env[REQUEST].search(
            [("product_id", "=", coat.id), ("location_id", "=", lyon.id)])
        self.assertEqual((request.state, request.requester_id, request.quantity_delta),
                         ("to_approve", clerk, -3))
        self.assertEqual(Quant._omni_onhand(coat, lyon), 8)
        self.start_tour("/odoo", "omni_stock_demo_approver_approves", login=approver.login,
                        timeout=300)
        self.assertEqual((request.state, request.approver_id), ("approved", approver))
        self.assertEqual(Quant._omni_onhand(coat, lyon), 5)

    def test_finance_downloads_the_exports(self):
        finance = self.env.ref("omni_stock_demo.user_finance")
        self.start_tour("/odoo", "omni_stock_demo_finance_exports", login=finance.login,
                        timeout=300)
