from odoo.tests import HttpCase, tagged

from .common import TransferCase


@tagged("post_install", "-at_install", "omni_tour")
class TestTransferTours(HttpCase, TransferCase):
    """A clerk requests on a phone, an approver approves on a phone."""

    browser_size = "375x667"
    touch_enabled = True

    def test_clerk_requests_approver_approves_on_a_phone(self):
        self.rule("route")
        self.clerk.write({"password": "tr_clerk"})
        self.approver.write({"password": "tr_approver"})
        Request = self.env["omni.stock.transfer.request"]
        before = Request.search([])
        self.env.flush_all()
        self.start_tour("/odoo/action-omni_stock_transfer.omni_stock_transfer_request_action/new",
                        "omni_stock_transfer_clerk_request", login="tr_clerk", timeout=300)
        request = Request.search([]) - before
        self.assertEqual(len(request), 1)
        self.assertEqual(
            (request.requester_id, request.state, request.line_ids.product_id,
             request.line_ids.quantity),
            (self.clerk, "to_approve", self.product, 4))
        self.start_tour(
            "/odoo/action-omni_stock_transfer.omni_stock_transfer_request_approve_action",
            "omni_stock_transfer_approver_approve", login="tr_approver", timeout=300)
        request.invalidate_recordset()
        self.assertEqual((request.state, request.approver_id, request.decision_comment),
                         ("approved", self.approver, "Fine for Saturday"))
        self.assertEqual(len(request.picking_ids), 2)
