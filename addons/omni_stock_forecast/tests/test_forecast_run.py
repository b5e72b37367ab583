import datetime

from odoo.addons.omni_stock_job.tests.common import trap_jobs
from odoo.tests import tagged

from .common import ForecastCase


@tagged("post_install", "-at_install")
class TestForecastRun(ForecastCase):
    """A run over the ledger: what it counts, censoring, parts, overrides, accuracy."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("omni_stock_forecast.batch_size", 1)

    def steady_then_sold_out(self, product):
        """5 a week with stock to spare for 10 weeks, then the last 15 sold on a
        Wednesday two weeks ago: out of stock since."""
        weeks = [(12, 20, 5)] + [(ago, 5, 5) for ago in range(11, 2, -1)] + [(2, 0, 15)]
        self.ledger(product, weeks)

    def test_stockout_weeks_are_unknown_not_zero(self):
        self.steady_then_sold_out(self.tee)
        run = self.run_forecast(history_weeks=14)
        series = self.series(self.tee)
        self.assertEqual(run.state, "done")
        self.assertEqual(series.history_weeks, 12, "weeks before the first stock: no series")
        self.assertEqual(series.censored_weeks, 2)
        lines = self.lines(self.tee)
        self.assertEqual(len(lines), 13)
        self.assertEqual(lines[0].week_start, self.this_week)
        # the ledger's last week is 0 sold (no stock): naive on it says 0, the
        # censored history says 5; the difference is the stockout correction
        self.assertRecordValues(lines[:2], [
            {"method": "seasonal_naive", "level": 0.0, "trend": 0.0, "season": 0.0,
             "promotion": 0.0, "stockout": 5.0, "override": 0.0, "figure": 5.0,
             "lag": 1},
            {"method": "seasonal_naive", "level": 0.0, "trend": 0.0, "season": 0.0,
             "promotion": 0.0, "stockout": 5.0, "override": 0.0, "figure": 5.0,
             "lag": 2},
        ])
        self.assertEqual(self.env["omni.stock.forecast.line"]._parts_sum_error(), 0.0)

    def test_counts_deliveries_to_customers_only(self):
        self.ledger(self.tee, [(5, 30, 6), (4, 0, 6), (3, 0, 6), (2, 0, 6), (1, 0, 6)])
        # a transfer to the store and a return from a customer are not demand
        self.dated(self.move_done(self.stock, self.store_stock, 4), self.at(1))
        self.dated(self.move_done(self.customers, self.stock, 2), self.at(1))
        self.run_forecast(history_weeks=5)
        self.assertEqual(self.lines(self.tee)[0].figure, 6.0)
        self.assertFalse(self.series(self.tee, self.store), "the store sold nothing")

    def test_promotion_weeks_add_their_part(self):
        promo = self.env["omni.stock.promotion"].with_user(self.planner).create({
            "name": "Spring sale", "categ_ids": [(6, 0, self.categ.ids)],
            "date_from": self.at(6).date(), "date_to": self.at(6).date(),
        })
        weeks = [(8, 60, 4), (7, 0, 4), (6, 0, 8), (5, 0, 4), (4, 0, 8), (3, 0, 4), (2, 0, 4),
                 (1, 0, 4)]
        self.ledger(self.tee, weeks)
        promo.copy({"name": "Sale 2", "date_from": self.at(4).date(),
                    "date_to": self.at(4).date()})
        promo.copy({"name": "Next week", "date_from": self.this_week + datetime.timedelta(7),
                    "date_to": self.this_week + datetime.timedelta(8)})
        self.run_forecast(history_weeks=8)
        series = self.series(self.tee)
        self.assertEqual(series.promo_weeks, 2)
        first, second = self.lines(self.tee)[:2]
        self.assertRecordValues(first + second, [
            {"is_promo": False, "level": 4.0, "promotion": 0.0, "figure": 4.0},
            {"is_promo": True, "level": 4.0, "promotion": 4.0, "figure": 8.0},
        ])

    def test_override_kept_by_the_next_run_and_logged(self):
        self.steady_then_sold_out(self.tee)
        self.run_forecast(history_weeks=14)
        line = self.lines(self.tee)[3]
        week = line.week_start
        line.with_user(self.planner).action_override(12, "Local festival")
        self.assertRecordValues(line, [{"override": 7.0, "figure": 12.0, "system_qty": 5.0,
                                        "override_active": True}])
        log = self.env["omni.stock.forecast.override"].search([("line_id", "=", line.id)])
        self.assertRecordValues(log, [{"before_qty": 5.0, "after_qty": 12.0,
                                       "reason": "Local festival", "user_id": self.planner.id}])
        # the next run recomputes the week and keeps the planner's figure
        self.run_forecast(history_weeks=14)
        again = self.lines(self.tee).filtered(lambda ln: ln.week_start == week)
        self.assertRecordValues(again, [{"figure": 12.0, "override": 7.0,
                                         "override_reason": "Local festival"}])
        self.assertEqual(self.env["omni.stock.forecast.line"]._parts_sum_error(), 0.0)

    def test_accuracy_kpis_measure_last_runs_forecasts(self):
        weeks = [(12, 40, 5)] + [(ago, 5, 5) for ago in range(11, 4, -1)]
        weeks += [(4, 5, 4), (3, 5, 7), (2, 5, 5), (1, 5, 5)]
        self.ledger(self.tee, weeks)
        four_weeks_ago = self.this_week - datetime.timedelta(weeks=4)
        self.run_forecast(origin=four_weeks_ago, history_weeks=8)
        old = self.lines(self.tee)
        self.assertEqual(old[:2].mapped("figure"), [5.0, 5.0])
        # the planner had raised the week 3 weeks ago to 7 (an event): it was right
        week3 = old[1]
        week3.sudo().write(week3._prepare_override_vals(7.0, "Street fair"))
        self.run_forecast(history_weeks=8)
        measured = self.lines(self.tee).filtered("measured")
        self.assertEqual(len(measured), 4)
        self.assertEqual(measured.filtered("actual_known").mapped("actual_qty"),
                         [4.0, 7.0, 5.0, 5.0])
        Kpi = self.env["omni.stock.kpi"]
        Kpi.refresh(four_weeks_ago, self.this_week)
        domain = [("warehouse_id", "=", self.warehouse.id),
                  ("date", ">=", four_weeks_ago)]
        # weeks 4..1 ago: forecast 5, 7 (override), 5, 5 vs 4, 7, 5, 5 sold
        self.assertAlmostEqual(self.kpi_value("forecast_wape", domain), 100 / 21, places=2)
        self.assertAlmostEqual(self.kpi_value("forecast_bias", domain), 100 / 21, places=2)
        # naive said 5 everywhere (errors 1 + 2): the forecast removed 2 of 3
        self.assertAlmostEqual(self.kpi_value("forecast_value_added", domain), 200 / 3, places=2)
        self.assertAlmostEqual(
            self.kpi_value("forecast_override_value_added", domain), 100.0, places=2)
        values = self.env["omni.stock.kpi.value"].search(
            domain + [("kpi_id.code", "=", "forecast_wape")])
        self.assertEqual(set(values.mapped("omni_categ_id")), {self.categ})
        self.assertEqual(set(values.mapped("omni_forecast_method")), {"seasonal_naive"})

    def test_resume_after_a_crash_does_no_batch_twice(self):
        self.steady_then_sold_out(self.tee)
        self.steady_then_sold_out(self.cap)
        # this test's warehouse only: the database may hold other history (the demo's)
        run = self.env["omni.stock.forecast.run"].with_user(self.planner).create(
            {"history_weeks": 14, "warehouse_ids": [(6, 0, self.warehouse.ids)]})
        with trap_jobs() as trap:
            run.action_start()
            self.assertEqual(len(trap.jobs), 2)
        self.assertEqual((run.batch_count, run.progress), (2, 0.0))
        first, second = run.batch_ids.sorted("sequence")
        first._omni_job_run()  # one worker did one batch, then the server died
        self.assertEqual((run.state, run.batch_done_count, run.progress), ("running", 1, 50.0))
        lines_before = self.env["omni.stock.forecast.line"].search_count([])
        with trap_jobs() as trap:
            run.with_user(self.planner).action_resume()
            self.assertEqual(len(trap.jobs), 1)
            self.assertEqual(trap.jobs[0].recordset, second)
            trap.perform()
        self.assertEqual((run.state, run.progress), ("done", 100.0))
        self.assertEqual(second.enqueued, 2)
        # the first batch's job running again (a retry) does nothing
        self.assertEqual(first._omni_job_run(), "done already")
        self.assertEqual(self.env["omni.stock.forecast.line"].search_count([]),
                         lines_before + 13)
        self.assertEqual(run.series_count, 2)
        self.assertEqual(run.user_id, self.planner)
