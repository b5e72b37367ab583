from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ReportCase


@tagged("post_install", "-at_install")
class TestKpi(ReportCase):
    """Each KPI on a small known data set equals the figure computed by hand."""

    def _orders(self):
        """Six web orders: kept, backordered, cancelled, open, late, returned damaged."""
        self.put(self.stock, 100)
        self.put(self.stock, 100, self.cap)
        o1 = self.order([(self.tee, 2)])
        self.deliver(o1)
        o2 = self.order([(self.tee, 5)])
        self.deliver(o2, {self.tee: 3})
        self.deliver(o2)  # the backorder
        o3 = self.order([(self.cap, 1)])
        o3._action_cancel()
        self.order([(self.cap, 3)])  # not delivered yet: not settled
        o5 = self.order([(self.tee, 1)],
                        commitment_date=fields.Datetime.now() - timedelta(days=3))
        self.deliver(o5)
        o6 = self.order([(self.tee, 1)])
        delivery = self.deliver(o6).move_ids
        self.move_done(self.customers, self.damaged, 1, origin_returned_move_id=delivery.id)
        # a store order cancelled after confirmation: a broken promise of another channel
        self.put(self.store_stock, 5, self.cap)
        store_order = self.order([(self.cap, 1)], channel=self.store_channel,
                                 warehouse=self.store)
        store_order._action_cancel()

    def test_order_kpis(self):
        self._orders()
        self.refresh()
        web = [("channel_id", "=", self.web.id)]
        # lines: o1 kept, o2 backordered, o3 cancelled, o5 kept, o6 kept (o4 open)
        self.assertAlmostEqual(self.kpi_value("ats_accuracy", web), 60.0)
        # orders shipped: o1, o2, o5, o6; complete in the first delivery: o1, o5, o6
        self.assertAlmostEqual(self.kpi_value("fill_rate", web), 75.0)
        # perfect: o1 only (o2 incomplete, o5 late, o6 returned damaged)
        self.assertAlmostEqual(self.kpi_value("perfect_order", web), 25.0)
        # two channels: Σ kept / Σ settled = 3 / 6, not the mean of 60 % and 0 %
        both = [("channel_id", "in", (self.web | self.store_channel).ids)]
        self.assertAlmostEqual(self.kpi_value("ats_accuracy", both), 50.0)
        store = [("channel_id", "=", self.store_channel.id)]
        self.assertAlmostEqual(self.kpi_value("ats_accuracy", store), 0.0)

    def test_stockout_frequency_from_daily_snapshots(self):
        Snapshot = self.env["omni.stock.ats.snapshot"]
        today = fields.Date.context_today(Snapshot)
        yesterday = today - timedelta(days=1)
        tracked = len(Snapshot._tracked_products(self.store_channel))
        self.put(self.store_stock, 4)
        Snapshot.take(today, self.store_channel)
        snapshot = Snapshot.search([("date", "=", today),
                                    ("channel_id", "=", self.store_channel.id)])
        self.assertEqual(snapshot.products_tracked, tracked)
        self.assertEqual(snapshot.products_out, tracked - 1)
        self.assertIn(self.cap, snapshot.line_ids.product_id)
        self.assertNotIn(self.tee, snapshot.line_ids.product_id)
        self.put(self.store_stock, 2, self.cap)
        Snapshot.take(yesterday, self.store_channel)
        self.env["omni.stock.kpi"].with_user(self.ops).refresh(yesterday, today)
        figure = self.kpi_value("stockout_frequency", [
            ("channel_id", "=", self.store_channel.id),
            ("date", ">=", yesterday), ("date", "<=", today)])
        self.assertAlmostEqual(figure, 100.0 * (2 * tracked - 3) / (2 * tracked))
        # taking a day again replaces it
        Snapshot.take(yesterday, self.store_channel)
        self.assertEqual(Snapshot.search_count([("date", "=", yesterday),
                                                ("channel_id", "=", self.store_channel.id)]), 1)

    def test_inventory_turnover(self):
        self.put(self.store_stock, 20)  # on hand before the month's moves
        self.move_done(self.suppliers, self.store_stock, 100)
        self.move_done(self.store_stock, self.customers, 30)
        self.refresh()
        # shipped 30 over the mean of 20 at the start and 90 at the end
        self.assertAlmostEqual(
            self.kpi_value("inventory_turnover", [("warehouse_id", "=", self.store.id)]),
            30 / 55)

    def test_shrinkage_rate(self):
        self.put(self.store_stock, 50)
        self.put(self.store_stock, 10, self.cap)
        self.count(self.store_stock, 48, self.reason_damage)  # lost 2 x 10
        self.count(self.store_stock, 9, self.reason_claim, self.cap)  # claims: recovered
        self.count(self.store_stock, 12, self.reason_count, self.cap)  # found: not a loss
        self.move_done(self.store_stock, self.customers, 8)  # 8 x 10 delivered
        self.refresh()
        self.assertAlmostEqual(
            self.kpi_value("shrinkage_rate", [("warehouse_id", "=", self.store.id)]), 25.0)

    def test_transfer_lead_time(self):
        self.put(self.stock, 10)
        shipped = self.move_done(self.stock, self.transit, 4)
        shipped.date = fields.Datetime.now() - timedelta(days=2)
        self.move_done(self.transit, self.store_stock, 4,
                       move_orig_ids=[fields.Command.set(shipped.ids)])
        self.refresh()
        figure = self.kpi_value("transfer_lead_time", [("warehouse_id", "=", self.store.id)])
        self.assertAlmostEqual(figure, 2.0, places=2)

    def test_missing_source_says_so(self):
        # a KPI whose source addon is not installed in this database
        modules = self.env["ir.module.module"].search([("state", "=", "installed")])
        missing = self.env["omni.stock.kpi"].search([
            ("source_module", "!=", False),
            ("source_module", "not in", modules.mapped("name")),
        ], limit=1)
        if not missing:  # every addon of the suite is installed: one that is not
            missing = self.env["omni.stock.kpi"].create({
                "name": "Example", "code": "example_missing",
                "source_model": "omni.stock.example", "source_module": "omni_stock_example",
            })
        self.refresh()
        kpi = missing
        code = kpi.code
        self.assertFalse(kpi.available)
        self.assertIn(kpi.source_module, kpi.display_name)
        self.assertIn("not installed", kpi.display_name)
        rows = self.env["omni.stock.kpi.value"].search([("kpi_id", "=", kpi.id)])
        self.assertTrue(rows)
        self.assertFalse(any(rows.mapped("available")))
        self.assertIn("not installed", rows[0].note)
        # no 0 on the board: the grouped figure is empty
        self.assertFalse(self.kpi_value(code))
        self.assertIsNot(self.kpi_value(code), 0.0)
        self.assertTrue(self.env.ref("omni_stock_report.kpi_fill_rate").available)

    def test_refresh_needs_kpi_rights(self):
        today = fields.Date.context_today(self.env["omni.stock.kpi"])
        with self.assertRaises(AccessError):
            self.env["omni.stock.kpi"].with_user(self.clerk).refresh(today, today)
        with self.assertRaises(AccessError):
            self.env["omni.stock.kpi.value"].with_user(self.clerk).search([])


@tagged("post_install", "-at_install")
class TestKpiBoard(ReportCase):
    """The board: each KPI with its unit, target and trend, as operations read it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # figures of this database's own history (the demo retailer's) stay out
        cls.env["omni.stock.kpi.value"].search([]).unlink()

    def _value(self, kpi, days_ago, numerator, denominator):
        self.env["omni.stock.kpi.value"].create({
            "kpi_id": kpi.id, "date": fields.Date.today() - timedelta(days=days_ago),
            "company_id": self.company.id, "warehouse_id": self.warehouse.id,
            "numerator": numerator, "denominator": denominator,
            "value": numerator / denominator, "available": True,
        })

    def test_board_gives_unit_target_and_trend(self):
        fill = self.env.ref("omni_stock_report.kpi_fill_rate")
        lead = self.env.ref("omni_stock_report.kpi_transfer_lead_time")
        fill.write({"has_target": True, "target": 95.0})
        lead.write({"has_target": True, "target": 2.0})
        # fill rate (percent, stored ×100): 90 % now (two days), 80 % the month before
        self._value(fill, 2, 4500.0, 50.0)
        self._value(fill, 5, 4500.0, 50.0)
        self._value(fill, 40, 800.0, 10.0)
        # transfer lead time (days): 1.5 days now, 3 days before
        self._value(lead, 1, 3.0, 2.0)
        self._value(lead, 35, 6.0, 2.0)
        board = self.env["omni.stock.kpi"].with_user(self.ops).browse((fill | lead).ids)
        fill_line, lead_line = board
        self.assertEqual(fill_line.board_value_text, "90.0 %")
        self.assertEqual(fill_line.board_previous_text, "80.0 %")
        self.assertEqual(fill_line.board_target_text, "95.0 %")
        self.assertEqual(fill_line.board_state, "bad")
        self.assertEqual((fill_line.board_trend, fill_line.board_trend_text),
                         ("better", "▲ 10.0 pts"))
        self.assertEqual(lead_line.board_value_text, "1.5 days")
        self.assertEqual(lead_line.board_state, "good", "lower is better for a lead time")
        self.assertEqual((lead_line.board_trend, lead_line.board_trend_text),
                         ("better", "▼ 1.5 days"))
        perfect = self.env.ref("omni_stock_report.kpi_perfect_order").with_user(self.ops)
        self.assertEqual((perfect.board_state, perfect.board_value_text), ("no_data", "no data"))
        details = fill_line.action_board_details()
        self.assertEqual(details["domain"], [("kpi_id", "=", fill.id)])

    def test_a_bias_is_better_closer_to_zero(self):
        """A bias going from -20 % to +10 % got better; its target is a distance."""
        kpi = self.env.ref("omni_stock_report.kpi_fill_rate")
        kpi.write({"best_at_zero": True, "has_target": True, "target": 15.0})
        self._value(kpi, 2, 1000.0, 100.0)  # percentages are stored x100: +10 %
        self._value(kpi, 40, -2000.0, 100.0)  # -20 %
        line = kpi.with_user(self.ops)
        self.assertEqual((line.board_trend, line.board_trend_text), ("better", "▲ 30.0 pts"))
        self.assertEqual(line.board_state, "good")
        kpi.target = 5.0
        self.assertEqual(kpi.with_user(self.ops).board_state, "bad")

    def test_a_total_over_several_kpis_has_no_figure(self):
        fill = self.env.ref("omni_stock_report.kpi_fill_rate")
        lead = self.env.ref("omni_stock_report.kpi_transfer_lead_time")
        self._value(fill, 2, 9000.0, 100.0)
        self._value(lead, 2, 3.0, 2.0)
        Value = self.env["omni.stock.kpi.value"].with_user(self.ops)
        domain = [("kpi_id", "in", (fill | lead).ids)]
        [(total,)] = Value._read_group(domain, [], ["value:avg"])
        self.assertTrue(total is None or total is False, "percent and days do not add up")
        by_kpi = dict(Value._read_group(domain, ["kpi_id"], ["value:avg"]))
        self.assertAlmostEqual(by_kpi[fill], 90.0)
        self.assertAlmostEqual(by_kpi[lead], 1.5)
