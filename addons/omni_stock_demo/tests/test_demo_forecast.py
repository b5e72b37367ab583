from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoForecast(TransactionCase):
    """The demo retailer shows forecasts with their parts, their accuracy and one
    anomaly of each kind with its evidence."""

    def test_forecasts_with_parts_that_add_up(self):
        tee = self.env.ref("omni_stock_demo.product_tee_wht_m")
        paris = self.env.ref("omni_stock_demo.wh_par")
        series = self.env["omni.stock.forecast.series"].search(
            [("product_id", "=", tee.id), ("warehouse_id", "=", paris.id)])
        self.assertEqual(len(series), 1)
        self.assertTrue(series.method)
        self.assertEqual(len(series.upcoming_line_ids), 13)
        self.assertTrue(series.upcoming_line_ids.filtered("is_promo"), "next sale")
        self.assertEqual(self.env["omni.stock.forecast.line"]._parts_sum_error(), 0.0)
        jeans = self.env["omni.stock.forecast.series"].search([
            ("product_id", "=", self.env.ref("omni_stock_demo.product_jean_ind_30").id),
            ("warehouse_id", "=", paris.id)])
        self.assertGreater(jeans.censored_weeks, 0, "sold out: weeks of unknown demand")

    def test_forecast_accuracy_measured(self):
        kpi = self.env.ref("omni_stock_forecast.kpi_forecast_wape")
        values = self.env["omni.stock.kpi.value"].search(
            [("kpi_id", "=", kpi.id), ("available", "=", True)])
        self.assertTrue(values)
        self.assertTrue(self.env["omni.stock.forecast.line"].search_count(
            [("actual_known", "=", True)]))

    def test_one_anomaly_of_each_kind_with_evidence(self):
        for kind in ("shrink_anomaly", "suspicious_adjustment", "return_anomaly",
                     "transfer_anomaly"):
            alerts = self.env["omni.stock.alert"].search([("kind", "=", kind)])
            self.assertTrue(alerts, kind)
            self.assertTrue(all(alert.evidence_ids for alert in alerts), kind)
