from odoo.addons.omni_stock_replenish.tests.common import ReplenishCase
from odoo.exceptions import AccessError


class TestBalancingRequest(ReplenishCase):
    """The balancing case of the replenishment's tests: the central warehouse (1/day,
    200 on hand: 28.6 weeks of cover) gives the store (2/day, 1 on hand, safety 2,
    max 24) 24 - 1 = 23 units, through a store transfer request."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["omni.stock.transfer.rule"].search([]).active = False
        cls.transit = cls.company.internal_transit_location_id

    def propose(self):
        self.balancing_network(200)
        proposal = self.env["omni.stock.replenish.balance"]._propose(self.company)
        self.assertEqual((proposal.source_warehouse_id, proposal.dest_warehouse_id,
                          proposal.quantity, proposal.reason),
                         (self.warehouse, self.store, 23.0, "lost sale"))
        return proposal

    def legs(self, request):
        out = request.picking_ids.filtered(lambda p: p.location_dest_id == self.transit)
        return out, request.picking_ids - out

    def test_no_rule_matches_the_request_is_approved_and_transferred(self):
        proposal = self.propose()
        proposal.with_user(self.manager).action_create_transfer()
        request = proposal.transfer_request_id
        self.assertEqual((request.warehouse_id, request.warehouse_dest_id, request.reason),
                         (self.warehouse, self.store, "rebalance"))
        self.assertEqual((request.line_ids.product_id, request.line_ids.quantity),
                         (self.tee, 23.0))
        self.assertEqual(request.requester_id, self.manager)
        self.assertEqual((request.approval_state, request.state), ("approved", "approved"))
        self.assertIn("below its safety stock 2", request.note)
        out, receipt = self.legs(request)
        self.assertEqual((out.location_id, out.location_dest_id), (self.stock, self.transit))
        self.assertEqual((receipt.location_id, receipt.location_dest_id),
                         (self.transit, self.store_stock))
        self.assertEqual(out.move_ids.product_uom_qty, 23.0)
        self.assertEqual(proposal.state, "done")
        self.assertEqual(proposal.picking_ids, request.picking_ids)

    def test_a_rule_holds_the_request_until_an_approver_approves(self):
        self.env["omni.stock.transfer.rule"].with_user(self.manager).create({
            "name": "Above 10 units", "kind": "quantity", "threshold": 10})
        proposal = self.propose()
        proposal.with_user(self.manager).action_create_transfer()
        request = proposal.transfer_request_id
        self.assertEqual((request.approval_state, request.state), ("to_approve", "to_approve"))
        self.assertIn("Above 10 units: 23.0 units above 10.0", request.approval_reasons)
        self.assertFalse(request.picking_ids)
        self.assertEqual((proposal.state, proposal.picking_ids.ids), ("done", []))
        # waiting for approval, the 23 units count as coming: no second proposal
        self.assertFalse(self.env["omni.stock.replenish.balance"]._propose(self.company))
        # the clerk (least-privileged) cannot approve it; the requester cannot either
        with self.assertRaises(AccessError):
            request.with_user(self.clerk).action_approve()
        with self.assertRaises(AccessError):
            request.with_user(self.manager).action_approve()
        self.assertEqual(request.approval_state, "to_approve")
        self.assertFalse(request.picking_ids)
        request.with_user(self.approver).action_approve("store empty for the weekend")
        self.assertEqual((request.approval_state, request.state, request.approver_id),
                         ("approved", "approved", self.approver))
        out, receipt = self.legs(request)
        self.assertEqual(out.move_ids.product_uom_qty, 23.0)
        self.assertEqual(receipt.location_dest_id, self.store_stock)
        self.assertEqual(proposal.picking_ids, request.picking_ids)
        # the clerks ship and receive it: 23 more units in the store
        for picking in (out, receipt):
            picking = picking.with_user(self.clerk)
            picking.move_ids.quantity = 23.0
            picking.move_ids.picked = True
            picking.button_validate()
        self.assertEqual(request.state, "received")
        self.assertEqual(self.env["stock.quant"]._get_available_quantity(
            self.tee, self.store_stock), 24.0)

    def test_a_rejected_request_frees_the_proposal_s_units(self):
        self.env["omni.stock.transfer.rule"].with_user(self.manager).create({
            "name": "Every rebalancing", "kind": "reason", "reason": "rebalance"})
        proposal = self.propose()
        proposal.with_user(self.manager).action_create_transfer()
        proposal.transfer_request_id.with_user(self.approver).action_reject("not now")
        self.assertEqual(proposal.transfer_request_state, "rejected")
        # the store still lacks its stock: proposed again
        again = self.env["omni.stock.replenish.balance"]._propose(self.company)
        self.assertEqual((again.dest_warehouse_id, again.quantity), (self.store, 23.0))

    def test_a_clerk_cannot_request_a_balancing_transfer(self):
        proposal = self.propose()
        with self.assertRaises(AccessError):
            proposal.with_user(self.clerk).action_create_transfer()
        self.assertFalse(self.env["omni.stock.transfer.request"].search(
            [("warehouse_dest_id", "=", self.store.id)]))
        self.assertEqual(proposal.state, "proposed")
