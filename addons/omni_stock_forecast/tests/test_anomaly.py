import datetime

from odoo import fields
from odoo.tests import tagged
from odoo.tools import SQL

from .common import ForecastCase


@tagged("post_install", "-at_install")
class TestAnomaly(ForecastCase):
    """Each anomaly kind on injected cases: raised with its score and evidence, not
    for normal activity, within the weekly budget."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Alert = cls.env["omni.stock.alert"]
        cls.rules = {kind: cls.env.ref(f"omni_stock_forecast.alert_rule_{kind}") for kind in (
            "shrink_anomaly", "suspicious_adjustment", "return_anomaly", "transfer_anomaly")}
        # each adjustment on its own against the thresholds (no running total)
        cls.company.write({"omni_adj_window_hours": 0})
        # deterministic hours: the company works around the clock unless a test says so
        for rule in cls.rules.values():
            rule.write({"work_hour_from": 0, "work_hour_to": 24})

    def scan(self, kind):
        self.Alert.with_user(self.manager).scan(kinds=[kind], companies=self.company)
        # the demo retailer's own anomalies are in the test database too
        return self.Alert.search([("kind", "=", kind), ("company_id", "=", self.company.id),
                                  ("warehouse_id", "in", (self.warehouse + self.store).ids)])

    def age_logs(self, logs_domain, days):
        self.env.flush_all()
        logs = self.env["omni.stock.adjustment.log"].search(logs_domain)
        self.env.cr.execute(SQL(
            "UPDATE omni_stock_adjustment_log SET date = date - %s WHERE id = ANY(%s)",
            datetime.timedelta(days=days), logs.ids))
        self.env.invalidate_all()
        return logs

    def test_shrink_spike_against_the_store_history(self):
        self.put(self.store_stock, 500)
        onhand = 500
        for weeks_ago in range(12, 0, -1):  # one or two units lost a week: normal
            onhand -= 1 + weeks_ago % 2
            self.count(self.store_stock, onhand, self.reason_damage)
            self.age_logs([("event", "=", "applied"), ("date", ">=", fields.Datetime.now()
                            - datetime.timedelta(minutes=5))], 7 * weeks_ago)
        self.count(self.store_stock, onhand - 2, self.reason_damage)
        self.assertFalse(self.scan("shrink_anomaly"), "two units this week: usual")
        self.count(self.store_stock, onhand - 30, self.reason_damage)
        alert = self.scan("shrink_anomaly")
        self.assertEqual(len(alert), 1)
        self.assertEqual(alert.warehouse_id, self.store)
        self.assertGreaterEqual(alert.score, 3.5)
        self.assertIn("30.00 units lost in 7 days vs a weekly median of 1.00 over 13 weeks",
                      alert.figure)
        self.assertEqual(len(alert.evidence_ids), 2, "this week's two adjustments")
        self.assertEqual(set(alert.evidence_ids.mapped("res_model")),
                         {"omni.stock.adjustment.log"})
        self.assertEqual(sorted(ev.record_ref.quantity_delta for ev in alert.evidence_ids),
                         [-28.0, -2.0])

    def test_adjustments_repeated_just_under_the_threshold(self):
        self.company.omni_adj_threshold_qty = 10
        self.put(self.store_stock, 200)
        onhand = 200
        for _i in range(4):  # 9 units each time: just under 10, four times this week
            onhand -= 9
            self.count(self.store_stock, onhand, self.reason_count)
        self.count(self.store_stock, onhand - 9, self.reason_count, user=self.approver)
        alerts = self.scan("suspicious_adjustment")
        alert = alerts.filtered(lambda a: a.res_model == "res.users")
        self.assertEqual(len(alert), 1)
        self.assertEqual(alert.record_ref, self.clerk)
        self.assertIn("4 adjustments within 10 % under the threshold", alert.figure)
        self.assertEqual(len(alert.evidence_ids), 4)
        self.assertTrue(all(ev.record_ref.requester_id == self.clerk
                            for ev in alert.evidence_ids))

    def test_adjustment_far_from_the_users_own_and_out_of_hours(self):
        rule = self.rules["suspicious_adjustment"]
        self.put(self.store_stock, 200)
        for counted in range(199, 193, -1):  # six adjustments of one unit (value 10)
            self.count(self.store_stock, counted, self.reason_count)
        self.age_logs([("requester_id", "=", self.clerk.id)], 20)
        self.count(self.store_stock, 193, self.reason_count)  # one more unit: usual
        found = self.scan("suspicious_adjustment")
        self.assertFalse(found)
        # the same small adjustment out of working hours: +2 points, still under 3.5
        rule.write({"work_hour_from": 25 % 24, "work_hour_to": 1})
        self.count(self.store_stock, 192, self.reason_count)
        self.assertFalse(self.scan("suspicious_adjustment").filtered(
            lambda a: a.res_model == "omni.stock.adjustment.log"))
        self.count(self.store_stock, 180, self.reason_count)  # 12 units
        alert = self.scan("suspicious_adjustment").filtered(
            lambda a: a.res_model == "omni.stock.adjustment.log")
        self.assertEqual(len(alert), 1)
        self.assertEqual(alert.record_ref.quantity_delta, -12)
        self.assertIn("12.00 Units changed vs this user's median 1.00", alert.figure)
        self.assertIn("out of working hours", alert.figure)

    def returns(self, partner, count, product=None, delivered=True):
        product = product or self.tee
        picking_type = self.warehouse.in_type_id
        self.put(self.stock, count)
        for _i in range(count):
            if delivered:
                out = self.env["stock.picking"].create({
                    "picking_type_id": self.warehouse.out_type_id.id, "partner_id": partner.id,
                    "location_id": self.stock.id, "location_dest_id": self.customers.id,
                    "move_ids": [fields.Command.create({
                        "name": "out", "product_id": product.id, "product_uom_qty": 1,
                        "location_id": self.stock.id,
                        "location_dest_id": self.customers.id})]})
                out.action_confirm()
                out.action_assign()
                out.move_ids.write({"quantity": 1, "picked": True})
                out._action_done()
            back = self.env["stock.picking"].create({
                "picking_type_id": picking_type.id, "partner_id": partner.id,
                "location_id": self.customers.id, "location_dest_id": self.stock.id,
                "move_ids": [fields.Command.create({
                    "name": "return", "product_id": product.id, "product_uom_qty": 1,
                    "location_id": self.customers.id, "location_dest_id": self.stock.id})]})
            back.action_confirm()
            back.move_ids.write({"quantity": 1, "picked": True})
            back._action_done()
        return back

    def test_serial_returner_and_duplicate_return(self):
        Partner = self.env["res.partner"]
        usual = [Partner.create({"name": f"Usual {i}"}) for i in range(4)]
        for partner in usual:
            self.returns(partner, 1)
        serial = Partner.create({"name": "Serial Returner"})
        self.returns(serial, 6)
        alerts = self.scan("return_anomaly").filtered(
            lambda a: a.record_ref in serial + self.env["res.partner"].concat(*usual))
        self.assertEqual(alerts.record_ref, serial)
        self.assertEqual(len(alerts.evidence_ids), 6)
        self.assertEqual(set(alerts.evidence_ids.mapped("res_model")), {"stock.picking"})
        # a product returned by a customer it was never delivered to
        stranger = Partner.create({"name": "Never Bought"})
        self.returns(stranger, 1, product=self.cap, delivered=False)
        duplicate = self.scan("return_anomaly").filtered(
            lambda a: a.record_ref == stranger)
        self.assertEqual(len(duplicate), 1)
        self.assertIn("returned more than delivered: [RPT-CAP] Report Cap", duplicate.figure)

    def transfer(self, source, dest, qty, days_ago=0):
        move = self.move_done(source, dest, qty)
        if days_ago:
            self.dated(move, fields.Datetime.now() - datetime.timedelta(days=days_ago))
        return move

    def test_unusual_transfer_size_round_number_and_loop(self):
        self.put(self.stock, 1000)
        for qty in (4, 5, 6, 5, 4, 6):  # the route's usual: about 5
            self.transfer(self.stock, self.store_stock, qty, days_ago=30)
        self.transfer(self.stock, self.store_stock, 6)
        self.assertFalse(self.scan("transfer_anomaly"))
        big = self.transfer(self.stock, self.store_stock, 100)
        alert = self.scan("transfer_anomaly")
        self.assertEqual(len(alert), 1)
        self.assertEqual(alert.evidence_ids.record_ref, big)
        self.assertIn("round number", alert.figure)
        # sent back to the central warehouse: a loop with both legs as evidence
        back = self.transfer(self.store_stock, self.stock, 100)
        loop = self.scan("transfer_anomaly").filtered(lambda a: a.cause_key.startswith("loop:"))
        self.assertEqual(len(loop), 1)
        self.assertEqual([ev.record_ref for ev in loop.evidence_ids], [big, back])

    def test_weekly_budget_keeps_the_highest_scores(self):
        self.rules["transfer_anomaly"].weekly_budget = 1
        self.put(self.stock, 1000)
        for qty in (4, 5, 6, 5, 4, 6):
            self.transfer(self.stock, self.store_stock, qty, days_ago=30)
        self.transfer(self.stock, self.store_stock, 40)
        biggest = self.transfer(self.stock, self.store_stock, 90)
        alerts = self.scan("transfer_anomaly")
        self.assertEqual(len(alerts), 1, "one alert per store and week")
        self.assertEqual(alerts.evidence_ids.record_ref, biggest)
        self.assertFalse(self.scan("transfer_anomaly") - alerts, "the budget is spent")
