from odoo import Command
from odoo.addons.omni_stock_replenish.tests.common import ReplenishCase
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "omni_tour")
class TestBalancingTours(HttpCase, ReplenishCase):
    """An inventory manager opens a balancing proposal and requests its transfer; a
    rule holds the request until an approver approves it (the central warehouse gives
    the store 23 units: the case of ``test_balancing_request``)."""

    def test_manager_requests_the_proposal_approver_approves(self):
        manager = new_test_user(
            self.env, "repl_tour_manager", groups="stock.group_stock_manager",
            company_id=self.company.id, company_ids=[Command.set(self.company.ids)])
        self.approver.write({"password": "rpt_approver"})
        self.env["omni.stock.transfer.rule"].search([]).active = False
        self.env["omni.stock.transfer.rule"].create(
            {"name": "Above 10 units", "kind": "quantity", "threshold": 10})
        self.balancing_network(200)
        proposal = self.env["omni.stock.replenish.balance"]._propose(self.company)
        self.assertEqual((proposal.dest_warehouse_id, proposal.quantity), (self.store, 23.0))
        self.env.flush_all()
        self.start_tour("/odoo/action-omni_stock_replenish.action_omni_stock_replenish_balance",
                        "omni_stock_replenish_transfer_manager_request",
                        login=manager.login, timeout=300)
        request = proposal.transfer_request_id
        self.assertEqual((proposal.state, request.requester_id, request.state,
                          request.line_ids.quantity), ("done", manager, "to_approve", 23.0))
        self.assertFalse(request.picking_ids)
        self.start_tour(
            "/odoo/action-omni_stock_transfer.omni_stock_transfer_request_approve_action",
            "omni_stock_replenish_transfer_approver_approve", login="rpt_approver",
            timeout=300)
        request.invalidate_recordset()
        self.assertEqual((request.state, request.approver_id, request.decision_comment),
                         ("approved", self.approver, "Store empty for the weekend"))
        self.assertEqual(proposal.picking_ids, request.picking_ids)
        self.assertEqual(request.picking_ids.move_ids.mapped("product_uom_qty"), [23.0, 23.0])
