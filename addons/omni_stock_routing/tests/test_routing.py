from datetime import timedelta

from odoo import Command, fields

from .common import RoutingCase


class TestRouting(RoutingCase):
    def test_one_line_goes_to_the_cheapest_node_with_the_reason(self):
        order = self.order([(self.tee, 2)])
        decision = order.omni_routing_decision_ids
        self.assertEqual(self.nodes(order), {"RT-TEE": {"RLYO"}})
        # Lyon (0 km, local zone): 4.50 + 0.50 + (2 + 4) min x 30/h + 0.04 x 25 = 9.00
        # Central (392 km, national): 6.90 + 0.80 + (1 + 2) min x 24/h + 0.01 x 25 = 9.15
        self.assertRecordValues(decision.plan_ids, [
            {"rank": 1, "chosen": True, "nodes": "Lyon", "shipping": 5.0, "labour": 3.0,
             "split": 0.0, "risk": 1.0, "ageing": 0.0, "total": 9.0, "days": 1},
            {"rank": 2, "chosen": False, "nodes": "Central", "shipping": 7.7, "labour": 1.2,
             "split": 0.0, "risk": 0.25, "ageing": 0.0, "total": 9.15, "days": 2},
        ])
        self.assertEqual(decision.reason, (
            "Lyon: in stock, 0 km, capacity 1/40 today; Central: 2 days, +"
            f"{self.company.currency_id.name} 0.15"))
        self.assertEqual(order.omni_routing_reason, decision.reason)
        self.assertRecordValues(decision.assignment_ids, [{
            "product_id": self.tee.id, "quantity": 2, "warehouse_id": self.lyon.id,
            "carrier": "Local", "state": "active",
            "promise_date": fields.Date.today() + timedelta(days=1)}])
        self.assertEqual(self.capacity(self.lyon), (1, 2.0))

    def test_ageing_stock_sends_the_order_farther(self):
        self.channel.write({"routing_ageing_bonus": 0.05, "routing_ageing_days": 60})
        quant = self.env["stock.quant"].search([
            ("product_id", "=", self.tee.id), ("location_id", "=", self.central.lot_stock_id.id)])
        quant.in_date = fields.Datetime.now() - timedelta(days=90)
        order = self.order([(self.tee, 2)])
        # Central: 9.15 - 0.05 x 2 units x (90 - 60) days = 6.15 < Lyon's 9.00
        plans = order.omni_routing_decision_ids.plan_ids
        self.assertEqual(plans[0].nodes, "Central")
        self.assertAlmostEqual(plans[0].ageing, 3.0, places=2)
        self.assertAlmostEqual(plans[0].total, 6.15, places=2)
        self.assertEqual(self.nodes(order), {"RT-TEE": {"RCEN"}})

    def test_a_forced_split_makes_one_delivery_per_node(self):
        self._put(self.central, self.tee, -100)
        order = self.order([(self.tee, 1), (self.cap, 2)])
        decision = order.omni_routing_decision_ids
        # Lyon: tee (4.50 + 3.00 + 1.00); Central: 2 caps (7.70 + 1.20 + 0.25); split 3.00
        self.assertRecordValues(decision, [{"splits": 1, "total_cost": 20.65,
                                            "state": "done"}])
        self.assertEqual(self.nodes(order), {"RT-TEE": {"RLYO"}, "RT-CAP": {"RCEN"}})
        self.assertEqual(len(order.picking_ids), 2)
        self.assertEqual(decision.promise_date, fields.Date.today() + timedelta(days=2))

    def test_max_splits_zero_ships_from_one_node(self):
        self.channel.routing_max_splits = 0
        order = self.order([(self.tee, 1), (self.cap, 2)])
        # Lyon has 1 cap: only Central serves both lines
        self.assertEqual(self.nodes(order), {"RT-TEE": {"RCEN"}, "RT-CAP": {"RCEN"}})
        self.assertEqual(order.omni_routing_decision_ids.splits, 0)

    def test_full_store_is_skipped(self):
        self.lyon.omni_routing_capacity_orders = 1
        # 2 tees: Lyon 9.00 < Central 9.15 (one tee would cost 8.50 against 8.35)
        first = self.order([(self.tee, 2)])
        second = self.order([(self.tee, 2)])
        self.assertEqual(self.nodes(first), {"RT-TEE": {"RLYO"}})
        self.assertEqual(self.nodes(second), {"RT-TEE": {"RCEN"}})
        self.assertEqual(self.capacity(self.lyon), (1, 2.0))
        self.assertNotIn("Lyon", second.omni_routing_decision_ids.plan_ids.mapped("nodes"))

    def test_unit_capacity_and_excluded_products(self):
        self.lyon.omni_routing_capacity_units = 1
        self.assertEqual(self.nodes(self.order([(self.tee, 2)])), {"RT-TEE": {"RCEN"}})
        self.lyon.write({"omni_routing_capacity_units": 0,
                         "omni_routing_excluded_product_ids": [Command.set(self.tee.ids)]})
        self.assertEqual(self.nodes(self.order([(self.tee, 2)])), {"RT-TEE": {"RCEN"}})

    def test_untrusted_store_is_not_a_candidate(self):
        self.channel.min_location_accuracy = 98
        order = self.order([(self.tee, 2)])
        self.assertEqual(order.omni_routing_decision_ids.plan_ids.mapped("nodes"),
                         ["Central"])

    def test_after_the_cut_off_the_store_ships_on_its_next_open_day(self):
        self.lyon.omni_routing_cutoff_hour = 0.0
        order = self.order([(self.tee, 2)])
        plans = order.omni_routing_decision_ids.plan_ids
        lyon = plans.filtered(lambda p: p.nodes == "Lyon")
        self.assertEqual(lyon.days, 2)  # one day later, then one day in transit
        self.assertTrue(lyon.chosen)  # days are told, not costed
        row = self.env["omni.stock.routing.capacity"].search(
            [("warehouse_id", "=", self.lyon.id)])
        self.assertEqual(row.date, fields.Date.today() + timedelta(days=1))

    def test_pickup_at_the_store_ships_nothing(self):
        order = self.order([(self.tee, 1)], partner=self._partner("Far", (43.3, 5.4)),
                           omni_routing_pickup_warehouse_id=self.lyon.id)
        decision = order.omni_routing_decision_ids
        self.assertEqual(decision.plan_ids[0].nodes, "Lyon")
        self.assertEqual(decision.plan_ids[0].shipping, 0.0)
        self.assertTrue(decision.assignment_ids.pickup)

    def test_no_node_is_recorded(self):
        order = self.order([(self.tee, 500)])
        decision = order.omni_routing_decision_ids
        self.assertEqual(decision.state, "unroutable")
        self.assertIn("Routing Tee", decision.reason)
        self.assertEqual(order.omni_routing_state, "unroutable")
        self.assertEqual(order.state, "sale")

    def test_channels_without_routing_keep_odoo_behaviour(self):
        self.channel.routing_enabled = False
        order = self.order([(self.tee, 1)])
        self.assertFalse(order.omni_routing_decision_ids)
        self.assertEqual(self.nodes(order), {"RT-TEE": {"RCEN"}})

    def test_api_confirm_returns_the_routing_when_asked(self):
        self.channel.sale_partner_id = self.customer
        Hold = self.env["omni.stock.hold"]
        hold, _created = Hold.reserve(self.channel, self.tee, 2, "api-route-1", origin="api")
        result = hold._api_confirm({"routing": True})
        self.assertEqual(result["routing"], [{
            "sku": "RT-TEE", "qty": 2.0, "node": "RLYO", "node_name": "Lyon",
            "promise_date": (fields.Date.today() + timedelta(days=1)).isoformat(),
            "pickup": False}])
        other, _created = Hold.reserve(self.channel, self.tee, 1, "api-route-2", origin="api")
        self.assertNotIn("routing", other._api_confirm({}))

