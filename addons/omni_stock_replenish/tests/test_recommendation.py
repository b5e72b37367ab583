from odoo.addons.omni_stock_job.tests.common import trap_jobs
from odoo.exceptions import AccessError

from .common import ReplenishCase


class TestRecommendation(ReplenishCase):
    def test_recommendation_by_hand_from_the_forecast(self):
        # central: own series 7/week + the web channel's series 7/week = 14/week;
        # lead 4 (promise) + review 7 = 11 days -> 2 weeks -> 2/day; mae 5.6 and 0 ->
        # σ week = 1.25 × 5.6 = 7, σ day = 7/√7 = 2.6458; class C: fill rate 90 %
        # σ_LT = √(4 × 7 + 4 × 0) = 5.2915; Q = 2 × 7 = 14; G(k) = 0.1 × 14 / 5.2915
        # = 0.26458: G(0.30) = 0.38139 − 0.3 × 0.38209 = 0.26676, G(0.31) = 0.38023 −
        # 0.31 × 0.37828 = 0.26296 -> k ≈ 0.306; SS = 0.306 × 5.2915 = 1.62 -> 2;
        # min 2 × 4 + 2 = 10; max 10 + 14 = 24; on hand 10: order 24 - 10 = 14
        self.forecast(self.tee, self.warehouse, [7, 7, 7, 7], mae=5.6)
        self.forecast(self.tee, self.warehouse, [7, 7, 7, 7], channel=self.web)
        self.put(self.stock, 10)
        rec = self.compute((self.tee, self.warehouse))
        self.assertEqual(rec.demand_source, "forecast")
        self.assertAlmostEqual(rec.daily_demand, 2.0)
        self.assertAlmostEqual(rec.daily_sd, 2.6458, places=3)
        self.assertEqual(rec.lead_time_source, "promise")
        self.assertEqual((rec.lead_time_mean, rec.lead_time_sd), (4.0, 0.0))
        self.assertEqual((rec.abc_class, rec.service_level), ("C", 0.9))
        self.assertEqual((rec.safety_qty, rec.min_qty, rec.max_qty, rec.order_qty),
                         (2.0, 10.0, 24.0, 14.0))
        # cover 10 / 2 = 5 days >= lead 4: low risk; 5 days = 0.7 week: no overstock
        self.assertEqual((rec.stockout_risk, rec.overstock_risk), ("low", "low"))
        self.assertIn("fill rate 90% → G(k) = (1 − β) × Q / σ_LT = 0.10 × 14.00 / 5.29 = "
                      "0.2646 → k = 0.306", rec.explanation)
        self.assertIn("= 1.62 → 2", rec.explanation)
        self.assertIn("order = max − position = 24 − 10 = 14", rec.explanation)
        self.assertEqual(rec.state, "new")

    def test_an_a_product_gets_the_a_fill_rate(self):
        # the count addon classes the tee A in the central warehouse ("A", as it
        # stores it): fill rate 96 % -> G(k) = 0.04 × 14 / 5.2915 = 0.10583;
        # G(0.87) = 0.27307 − 0.87 × 0.19215 = 0.10590, G(0.88) = 0.27086 − 0.88 ×
        # 0.18943 = 0.10417 -> k ≈ 0.870; SS = 0.870 × 5.2915 = 4.61 -> 5; min 13, max 27
        self.env["omni.stock.abc.class"].create({
            "product_id": self.tee.id, "warehouse_id": self.warehouse.id,
            "company_id": self.company.id, "abc_class": "A"})
        self.forecast(self.tee, self.warehouse, [14, 14], mae=5.6)
        rec = self.compute((self.tee, self.warehouse))
        self.assertEqual((rec.abc_class, rec.service_level), ("A", 0.96))
        self.assertEqual((rec.safety_qty, rec.min_qty, rec.max_qty), (5.0, 13.0, 27.0))
        self.assertIn("ABC class A → fill rate target 96%", rec.explanation)
        # the same product unclassified in the store: C, 90 %
        self.forecast(self.tee, self.store, [14, 14], mae=5.6)
        store = self.compute((self.tee, self.store)).filtered(
            lambda r: r.warehouse_id == self.store)
        self.assertEqual((store.abc_class, store.service_level, store.safety_qty),
                         ("C", 0.9, 2.0))

    def test_web_demand_counts_once_in_the_node_that_ships_it(self):
        # the web channel's series is in the central warehouse only: the store's
        # recommendation has the store's own demand (7/week = 1/day)
        self.forecast(self.tee, self.warehouse, [7, 7], channel=self.web)
        self.forecast(self.tee, self.store, [7, 7])
        self.compute((self.tee, self.warehouse), (self.tee, self.store))
        self.assertAlmostEqual(self.rec(self.tee, self.warehouse).daily_demand, 1.0)
        self.assertAlmostEqual(self.rec(self.tee, self.store).daily_demand, 1.0)

    def test_stockout_and_overstock_risks(self):
        # 2/day, 3 on hand: 1.5 days of cover < lead 4 -> high
        self.forecast(self.tee, self.warehouse, [14, 14])
        self.put(self.stock, 3)
        self.assertEqual(self.compute((self.tee, self.warehouse)).stockout_risk, "high")
        # 1/day, 100 on hand in the store: 14.3 weeks > 12 -> overstock
        self.forecast(self.tee, self.store, [7, 7])
        self.put(self.store_stock, 100)
        rec = self.compute((self.tee, self.store)).filtered(
            lambda r: r.warehouse_id == self.store)
        self.assertEqual(rec.overstock_risk, "medium")
        self.assertAlmostEqual(rec.weeks_of_cover, 100 / 7, places=2)

    def test_no_forecast_reads_the_ledger(self):
        # 14 sold in the last 28 days, stock left: 0.5/day, σ √0.5
        self.put(self.stock, 20)
        self.move_done(self.stock, self.customers, 14)
        rec = self.compute((self.tee, self.warehouse))
        self.assertEqual(rec.demand_source, "history")
        self.assertAlmostEqual(rec.daily_demand, 0.5)

    def test_apply_writes_the_rule_and_logs_it(self):
        self.forecast(self.tee, self.warehouse, [7, 7, 7, 7], mae=5.6)
        self.forecast(self.tee, self.warehouse, [7, 7, 7, 7], channel=self.web)
        rule = self.env["stock.warehouse.orderpoint"].create({
            "product_id": self.tee.id, "warehouse_id": self.warehouse.id,
            "location_id": self.stock.id, "product_min_qty": 5, "product_max_qty": 10,
        })
        rec = self.compute((self.tee, self.warehouse))
        # the run never changes a rule by itself
        self.assertEqual((rule.product_min_qty, rule.product_max_qty), (5, 10))
        self.assertEqual((rec.current_min, rec.current_max), (5, 10))
        rec.with_user(self.manager).action_apply()
        self.assertEqual((rule.product_min_qty, rule.product_max_qty), (10, 24))
        log = self.env["omni.stock.replenish.apply.log"].search(
            [("orderpoint_id", "=", rule.id)])
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.manager)
        self.assertEqual((log.old_min, log.old_max, log.new_min, log.new_max),
                         (5, 10, 10, 24))
        self.assertEqual(rec.state, "applied")
        # applying again changes nothing and logs nothing
        rec.with_user(self.manager).action_apply()
        self.assertEqual(len(self.env["omni.stock.replenish.apply.log"].search(
            [("orderpoint_id", "=", rule.id)])), 1)

    def test_apply_creates_the_missing_rule(self):
        self.forecast(self.tee, self.store, [7, 7])
        rec = self.compute((self.tee, self.store))
        rec.with_user(self.manager).action_apply()
        rule = rec.orderpoint_id
        self.assertEqual(rule.location_id, self.store_stock)
        self.assertEqual((rule.product_min_qty, rule.product_max_qty),
                         (rec.min_qty, rec.max_qty))

    def test_a_plain_inventory_user_cannot_apply(self):
        self.forecast(self.tee, self.warehouse, [7, 7])
        rec = self.compute((self.tee, self.warehouse))
        with self.assertRaises(AccessError):
            rec.with_user(self.clerk).action_apply()
        with self.assertRaises(AccessError):
            rec.with_user(self.clerk).write({"min_qty": 1})
        self.assertFalse(self.env["stock.warehouse.orderpoint"].search(
            [("product_id", "=", self.tee.id)]))
        self.assertFalse(self.env["omni.stock.replenish.apply.log"].search(
            [("product_id", "=", self.tee.id)]))
        with self.assertRaises(AccessError):
            self.env["omni.stock.replenish.run"].with_user(self.clerk).create({})

    def test_the_run_in_batches(self):
        self.forecast(self.tee, self.warehouse, [7, 7])
        self.forecast(self.cap, self.store, [14, 14])
        run = self.env["omni.stock.replenish.run"].with_user(self.manager).create({
            "warehouse_ids": [(6, 0, (self.warehouse | self.store).ids)]})
        self.env["ir.config_parameter"].set_param("omni_stock_replenish.batch_size", 1)
        with trap_jobs() as trap:
            run.action_start()
            self.assertEqual(run.batch_count, 2)
            trap.perform()
        self.assertEqual(run.state, "done")
        self.assertEqual(run.recommendation_count, 2)
        self.assertAlmostEqual(self.rec(self.cap, self.store).daily_demand, 2.0)
