from odoo.addons.omni_stock.tests.rpc import RpcMixin
from odoo.tests import HttpCase, tagged

from .common import AdjustmentCase


@tagged("post_install", "-at_install")
class TestScrapSentForApprovalOverRpc(RpcMixin, HttpCase, AdjustmentCase):
    """A store clerk's scrap above the threshold waits for an approver; the clerk, with
    his own rights only, is told on the scrap which request it waits for."""

    def test_clerk_scrap_waits_and_says_so(self):
        clerk = self.rpc_user("scrap_rights_clerk", ["stock.group_stock_user"])
        scrap_id = self.rpc(clerk, "stock.scrap", "create", {
            "product_id": self.product.id, "scrap_qty": 12, "location_id": self.stock.id,
            "omni_reason_id": self.reason.id})
        self.rpc(clerk, "stock.scrap", "do_scrap", [scrap_id])
        scrap = self.env["stock.scrap"].browse(scrap_id)
        request = self.Request.search([("scrap_id", "=", scrap_id)])
        self.assertEqual((scrap.state, request.state), ("draft", "to_approve"))
        self.assertEqual(self.qty(), 20, "nothing scrapped before the approval")
        note = scrap.message_ids.filtered(lambda m: request.name in (m.body or ""))
        self.assertEqual(note.author_id, clerk.partner_id)
        self.assertIn(f"Scrap sent for approval: {request.name}", note.body)
