from odoo.exceptions import AccessError, UserError

from .common import RoutingCase


class TestReroute(RoutingCase):
    def test_a_cancelled_store_delivery_is_routed_again(self):
        order = self.order([(self.tee, 2)])
        self.assertEqual(self.capacity(self.lyon), (1, 2.0))
        picking = order.picking_ids
        picking.with_user(self.env.ref("base.user_admin")).action_cancel()
        self.assertEqual(self.nodes(order), {"RT-TEE": {"RCEN"}})
        decision = order._omni_last_decision()
        self.assertRecordValues(decision, [{"kind": "reroute", "state": "done",
                                            "note": "the node cancelled its shipment"}])
        self.assertEqual(decision.plan_ids.mapped("nodes"), ["Central"])
        self.assertEqual(self.capacity(self.lyon), (0, 0.0), "Lyon's capacity given back")
        first = order.omni_routing_decision_ids.sorted("id")[0]
        self.assertEqual(first.assignment_ids.state, "rerouted")
        self.assertIn("Re-routed", order.message_ids[0].body)

    def test_pick_short_reroutes_the_missing_units_only(self):
        order = self.order([(self.tee, 3)])
        move = order.order_line.move_ids
        order._omni_reroute(move, {move: 1}, reason="pick_short")
        # Lyon keeps 2, the missing unit goes to Central
        moves = order.order_line.move_ids.filtered(lambda m: m.state != "cancel")
        self.assertEqual(sorted((m.picking_type_id.warehouse_id.code, m.product_uom_qty)
                                for m in moves), [("RCEN", 1.0), ("RLYO", 2.0)])
        decision = order._omni_last_decision()
        self.assertEqual((decision.kind, decision.note), ("reroute", "pick short"))
        self.assertEqual(decision.assignment_ids.quantity, 1)
        first = order.omni_routing_decision_ids.sorted("id")[0]
        self.assertRecordValues(first.assignment_ids, [{"quantity": 2, "state": "active"}])
        self.assertEqual(self.capacity(self.lyon), (1, 2.0), "Lyon keeps the order, 2 units")
        self.assertEqual(self.capacity(self.central), (1, 1.0))

    def test_cancelling_the_order_gives_the_capacity_back(self):
        order = self.order([(self.tee, 2)])
        order.with_user(self.manager)._action_cancel()
        self.assertEqual(self.capacity(self.lyon), (0, 0.0))
        self.assertEqual(order.omni_routing_decision_ids.assignment_ids.state, "cancelled")

    def test_manager_override_is_logged(self):
        order = self.order([(self.tee, 2)])
        wizard = self.env["omni.stock.routing.override"].with_user(self.manager).with_context(
            active_model="sale.order", active_id=order.id).create({
                "warehouse_id": self.central.id, "note": "Lyon short of staff today"})
        wizard.action_apply()
        self.assertEqual(self.nodes(order), {"RT-TEE": {"RCEN"}})
        decision = order._omni_last_decision()
        self.assertRecordValues(decision, [{
            "kind": "override", "user_id": self.manager.id,
            "note": "manager override - Lyon short of staff today"}])
        self.assertEqual(self.capacity(self.lyon), (0, 0.0))

    def test_override_needs_a_manager_and_a_reason(self):
        order = self.order([(self.tee, 2)])
        with self.assertRaises(AccessError):
            order.with_user(self.salesman).action_omni_routing_override(
                self.central, note="because")
        with self.assertRaises(UserError):
            order.with_user(self.manager).action_omni_routing_override(self.central, note=" ")
        self.assertEqual(self.nodes(order), {"RT-TEE": {"RLYO"}})
