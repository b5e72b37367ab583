from odoo.exceptions import AccessError

from .common import ReplenishCase


class TestBalancing(ReplenishCase):
    def test_store_below_safety_gets_the_central_excess(self):
        # central: 1/day, 200 on hand = 28.6 weeks > 6 -> gives above max(42, max 11)
        # store: 2/day (σ 2.6458), 1 on hand < safety 2 (fill rate 90 %: k 0.306 ×
        # σ_LT 5.29 = 1.62 -> 2; max 2 × 4 + 2 + 14 = 24), cover 0.5 day < lead 4:
        # a lost sale is worth the margin 25 - 10 = 15 > transfer cost 1
        self.balancing_network(200)
        store_rec = self.rec(self.tee, self.store)
        self.assertEqual((store_rec.safety_qty, store_rec.max_qty), (2.0, 24.0))
        proposals = self.env["omni.stock.replenish.balance"]._propose(self.company)
        self.assertEqual(len(proposals), 1)
        self.assertEqual((proposals.source_warehouse_id, proposals.dest_warehouse_id),
                         (self.warehouse, self.store))
        # up to the store's max: 24 - 1 = 23
        self.assertEqual(proposals.quantity, 23.0)
        self.assertEqual(proposals.reason, "lost sale")
        self.assertIn("holds 28.6 weeks of cover (above 6)", proposals.note)
        with self.assertRaises(AccessError):
            proposals.with_user(self.clerk).action_create_transfer()
        proposals.with_user(self.manager).action_create_transfer()
        self.assertEqual(proposals.state, "done")
        transit = self.company.internal_transit_location_id
        # (a glue addon may make them through a transfer request: found by their ends)
        out = proposals.picking_ids.filtered(lambda p: p.location_dest_id == transit)
        receipt = proposals.picking_ids - out
        self.assertEqual((out.location_id, out.location_dest_id), (self.stock, transit))
        self.assertEqual((receipt.location_id, receipt.location_dest_id),
                         (transit, self.store_stock))
        # nothing moves before the sending store ships it
        self.assertNotIn(out.state, ("done", "cancel"))
        self.assertEqual(out.move_ids.product_uom_qty, 23.0)
        self.assertEqual(out.move_ids.move_dest_ids, receipt.move_ids)

    def test_no_proposal_when_moving_costs_more_than_the_margin(self):
        self.company.omni_repl_transfer_cost = 16.0
        self.balancing_network(200)
        self.assertFalse(self.env["omni.stock.replenish.balance"]._propose(self.company))

    def test_rescue_without_excess(self):
        # central holds 4 weeks (28 < 6 weeks = 42): no excess; but the store (1 on
        # hand, 2/day) runs out in 0.5 day and nothing comes before an order placed
        # today (lead 4): the central keeps its safety 0 + lead-time demand 1 × 4 = 4
        # and gives what the store lacks: safety 2 + 2 × 4 - 1 = 9
        self.balancing_network(28)
        proposal = self.env["omni.stock.replenish.balance"]._propose(self.company)
        self.assertEqual((proposal.source_warehouse_id, proposal.dest_warehouse_id,
                          proposal.quantity, proposal.reason),
                         (self.warehouse, self.store, 9.0, "rescue"))
        self.assertTrue(proposal.note.startswith(
            f"rescue: {self.store.name} runs out in 0.5 days, next receipt in 4 "
            "(safety stock 2); "
            f"{self.warehouse.name} holds 24 above its safety stock + lead-time demand"))
        # once the transfer is made, it is on its way: the next proposals count it
        proposal.with_user(self.manager).action_create_transfer()
        self.assertFalse(self.env["omni.stock.replenish.balance"]._propose(self.company))

    def test_no_proposal_without_excess_nor_spare(self):
        # central holds 4 = its own lead-time demand: nothing to give
        self.balancing_network(4)
        self.assertFalse(self.env["omni.stock.replenish.balance"]._propose(self.company))
