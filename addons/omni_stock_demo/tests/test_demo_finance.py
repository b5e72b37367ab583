from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoFinance(TransactionCase):
    """The demo retailer is valued, has a closed last month and every kind of alert."""

    def test_costs_and_perpetual_valuation(self):
        apparel = self.env.ref("omni_stock_demo.categ_apparel")
        products = self.env["product.product"].search(
            [("categ_id", "child_of", apparel.id)])
        self.assertTrue(products)
        self.assertTrue(all(product.standard_price > 0 for product in products))
        self.assertEqual(set(products.categ_id.mapped("property_valuation")), {"real_time"})
        self.assertEqual(set(products.categ_id.mapped("property_cost_method")),
                         {"average", "fifo"})
        # the valuation by status holds exactly the layers' value
        report = self.env["omni.stock.valuation.report"].search(
            [("product_id", "in", products.ids)])
        layers = self.env["stock.valuation.layer"].search([("product_id", "in", products.ids)])
        self.assertAlmostEqual(sum(report.mapped("value")), sum(layers.mapped("value")),
                               places=2)
        self.assertTrue(report.filtered(lambda row: row.status == "damaged"))

    def test_closed_previous_month(self):
        close = self.env.ref("omni_stock_demo.close_previous_month")
        self.assertEqual(close.state, "closed")
        self.assertEqual(self.env.company.omni_stock_lock_date, close.date_to)
        reconciliation = self.env.ref("omni_stock_demo.reconciliation_previous_month")
        self.assertEqual(reconciliation.state, "reviewed")
        self.assertEqual(
            sorted(reconciliation.line_ids.mapped("cause")), ["manual_entry", "unexplained"])

    def test_alerts_of_each_kind(self):
        kinds = set(self.env["omni.stock.alert"].search([]).mapped("kind"))
        self.assertEqual(kinds, {"negative_stock", "unusual_adjustment", "late_receipt",
                                 "count_variance", "excess_return", "shrink_anomaly",
                                 "suspicious_adjustment", "return_anomaly",
                                 "transfer_anomaly"})
