from odoo.addons.omni_stock_routing.tests.common import RoutingCase
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPickShortReroute(RoutingCase):
    def test_missing_units_go_to_the_next_node(self):
        picker = new_test_user(self.env, login="routing_picker", groups="stock.group_stock_user")
        order = self.order([(self.tee, 3)])
        self.assertEqual(self.nodes(order), {"RT-TEE": {"RLYO"}})
        picking = order.picking_ids
        wizard = self.env["omni.stock.pick.short.report"].with_user(picker).with_context(
            active_model="stock.picking", active_id=picking.id).create({"quantity": 1})
        wizard.action_report()
        moves = order.order_line.move_ids.filtered(lambda m: m.state != "cancel")
        self.assertEqual(sorted((m.picking_type_id.warehouse_id.code, m.product_uom_qty)
                                for m in moves), [("RCEN", 1.0), ("RLYO", 2.0)])
        decision = order._omni_last_decision()
        self.assertRecordValues(decision, [{"kind": "reroute", "note": "pick short",
                                            "user_id": picker.id}])
        self.assertEqual(decision.assignment_ids.warehouse_id, self.central)
        self.assertEqual(self.capacity(self.lyon), (1, 2.0), "Lyon keeps the order, 2 units")
