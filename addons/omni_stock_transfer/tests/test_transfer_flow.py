from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import TransferCase


@tagged("post_install", "-at_install")
class TestTransferFlow(TransferCase):
    def test_no_rule_makes_odoo_two_step_transfer_through_transit(self):
        request = self.request()
        request.action_submit()
        self.assertEqual((request.approval_state, request.state), ("approved", "approved"))
        self.assertFalse(request.approver_id, "no rule matched: nobody had to approve")
        self.assertTrue(request.name.startswith("STR/"))
        out, inc = request.picking_out_id, request.picking_in_id
        self.assertEqual((out.location_id, out.location_dest_id),
                         (self.store_a.lot_stock_id, self.transit))
        self.assertEqual((inc.location_id, inc.location_dest_id),
                         (self.transit, self.store_b.lot_stock_id))
        self.assertEqual(self.transit.usage, "transit")
        self.assertEqual(out.move_ids.move_dest_ids, inc.move_ids)
        self.assertEqual(out.state, "assigned")
        self.assertEqual(inc.move_ids.state, "waiting")
        self.assertEqual(request.picking_ids, out | inc)

    def test_ats_never_counts_the_goods_at_both_ends(self):
        """10 at A, 0 at B, 4 sent: A sells 6 from approval on; B sells them only once
        received, showing them in transit meanwhile; A + B never exceeds 10."""
        self.assertEqual((self.ats(self.store_a)["ats"], self.ats(self.store_b)["ats"]),
                         (10, 0))
        request = self.request()
        request.action_submit()
        steps = {"approved": None}
        a, b = self.ats(self.store_a), self.ats(self.store_b)
        steps["approved"] = (a["ats"], b["ats"], b["in_transit"])
        self.ship(request)
        self.assertEqual(request.state, "shipped")
        a, b = self.ats(self.store_a), self.ats(self.store_b)
        steps["shipped"] = (a["ats"], b["ats"], b["in_transit"])
        self.receive(request)
        self.assertEqual(request.state, "received")
        a, b = self.ats(self.store_a), self.ats(self.store_b)
        steps["received"] = (a["ats"], b["ats"], b["in_transit"])
        self.assertEqual(steps, {"approved": (6, 0, 4), "shipped": (6, 0, 4),
                                 "received": (6, 4, 0)})
        self.assertFalse(request.variance_ids)
        self.assertTrue(request.shipped_at and request.received_at)

    def test_short_receipt_is_a_transit_variance_with_a_reason(self):
        request = self.request()
        request.action_submit()
        self.ship(request)
        self.receive(request, quantity=3)
        variance = request.variance_ids
        self.assertEqual(
            (variance.product_id, variance.quantity_shipped, variance.quantity_received,
             variance.quantity, variance.state),
            (self.product, 4, 3, 1, "open"))
        self.assertEqual(self.ats(self.store_b)["ats"], 3)
        # the receiving store explains it; a reason is required
        mine = variance.with_user(self.clerk)
        with self.assertRaises(UserError):
            mine.action_explain()
        with self.assertRaises(AccessError):
            mine.write({"quantity_received": 4})
        mine.action_explain(reason="lost", note="one box short on the pallet")
        self.assertEqual((variance.state, variance.reason, variance.explained_by_id),
                         ("explained", "lost", self.clerk))
        # both stores' users (one company) read it; another company's do not
        self.assertFalse(self.env["omni.stock.transit.variance"].with_user(
            self.clerk_b).search([("id", "=", variance.id)]))
        with self.assertRaises(AccessError):
            variance.with_user(self.clerk_b).read(["quantity"])
        # values are finance's
        with self.assertRaises(AccessError):
            mine.read(["value"])
        self.assertEqual(variance.with_user(self.finance).value, 5.0)

    def test_excess_receipt_is_a_negative_variance(self):
        request = self.request()
        request.action_submit()
        self.ship(request, quantity=3)
        self.receive(request, quantity=4)
        self.assertEqual(request.variance_ids.mapped("quantity"), [-1])

    def test_receiving_before_shipping_is_refused(self):
        request = self.request()
        request.action_submit()
        with self.assertRaises(UserError):
            self.receive(request, quantity=4)
        self.assertEqual(request.picking_in_id.state, "waiting")

    def test_approval_card_shows_ats_before_and_after_at_both_ends(self):
        self.rule("route")
        self.env["stock.quant"]._update_available_quantity(
            self.product, self.store_b.lot_stock_id, 2)
        request = self.request(lines=[(self.product, 4), (self.product2, 1)])
        request.action_submit()
        self.assertEqual(request.state, "to_approve")
        card = request.with_user(self.approver).line_ids
        engine = type(self.env["omni.ats"])
        with patch.object(engine, "compute", autospec=True,
                          side_effect=engine.compute) as compute:
            card.mapped("ats_source")
        self.assertEqual(compute.call_count, 2, "one engine call per store, not per line")
        self.assertEqual(
            [(line.product_id, line.ats_source, line.ats_source_after, line.ats_dest,
              line.ats_dest_after) for line in card],
            [(self.product, 10, 6, 2, 6), (self.product2, 3, 2, 0, 1)])
        request.with_user(self.approver).action_approve()
        # approved: the engine counts the transfer already; "after" is the receipt's
        card.invalidate_recordset()
        self.assertEqual([(line.ats_source, line.ats_source_after, line.ats_dest,
                           line.ats_dest_after) for line in card],
                         [(6, 6, 2, 6), (2, 2, 0, 1)])

    def test_cancel_before_shipping_cancels_the_transfers(self):
        request = self.request()
        request.action_submit()
        request.with_user(self.clerk).action_cancel()
        self.assertEqual(request.state, "cancel")
        self.assertEqual(set(request.picking_ids.mapped("state")), {"cancel"})
        self.assertEqual(self.ats(self.store_a)["ats"], 10)
