from odoo.addons.omni_stock.tests.rpc import RpcError, RpcMixin
from odoo.tests import HttpCase, tagged

APPROVER = "omni_stock_adjustment.group_adjustment_approver"


@tagged("post_install", "-at_install")
class TestConfirmations(RpcMixin, HttpCase):
    """A clerk who applies a count learns that it waits for an approver, and can take
    back what nobody decided yet; the approver's dialog names what is decided."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.write({"omni_adj_threshold_qty": 10, "omni_adj_threshold_value": 0,
                               "omni_stock_lock_date": False})
        cls.stock = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1).lot_stock_id
        cls.product = cls.env["product.product"].create(
            {"name": "Confirm Tee", "type": "consu", "is_storable": True})
        cls.env["stock.quant"]._update_available_quantity(cls.product, cls.stock, 20)
        cls.reason = cls.env["omni.stock.adjustment.reason"].create(
            {"name": "Recount", "code": "T-CONFIRM"})
        cls.clerk = cls.rpc_user("confirm_clerk", ["stock.group_stock_user"])
        cls.other_clerk = cls.rpc_user("confirm_clerk2", ["stock.group_stock_user"])
        cls.approver = cls.rpc_user("confirm_approver", [APPROVER, "stock.group_stock_user"])
        cls.quant = cls.env["stock.quant"]._gather(cls.product, cls.stock, strict=True)

    def _count(self, user, counted):
        self.rpc(user, "stock.quant", "write", self.quant.ids,
                 {"inventory_quantity": counted, "omni_reason_id": self.reason.id},
                 context={"inventory_mode": True})
        return self.rpc(user, "stock.quant", "action_apply_inventory", self.quant.ids)

    def _request(self):
        return self.env["omni.stock.adjustment.request"].search(
            [("product_id", "=", self.product.id)])

    def test_apply_says_sent_for_approval_with_the_request(self):
        action = self._count(self.clerk, 5)
        request = self._request()
        self.assertEqual(request.state, "to_approve")
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("Sent for approval", action["params"]["title"])
        self.assertIn(request.name, action["params"]["message"])
        self.assertIn("-15", action["params"]["message"])
        self.assertEqual(self.quant.quantity, 20, "stock unchanged until approved")

    def test_apply_within_thresholds_says_nothing_special(self):
        action = self._count(self.clerk, 18)
        self.assertFalse(action)
        self.assertFalse(self._request())
        self.assertEqual(self.quant.quantity, 18)

    def test_requester_withdraws_what_nobody_decided(self):
        self._count(self.clerk, 5)
        request = self._request()
        with self.assertRaisesRegex(RpcError, "Only confirm_clerk"):
            self.rpc(self.other_clerk, "omni.stock.adjustment.request", "action_withdraw",
                     request.ids)
        self.assertEqual(request.state, "to_approve")
        self.rpc(self.clerk, "omni.stock.adjustment.request", "action_withdraw", request.ids)
        self.assertEqual(request.state, "withdrawn")
        self.assertEqual(sorted(request.log_ids.mapped("event")), ["requested", "withdrawn"])
        self.assertEqual(self.quant.quantity, 20)
        with self.assertRaisesRegex(RpcError, "already been decided"):
            self.rpc(self.approver, "omni.stock.adjustment.request", "action_approve",
                     request.ids)
        self.assertEqual(self.quant.quantity, 20, "a withdrawn request is never applied")

    def test_decided_request_cannot_be_withdrawn(self):
        self._count(self.clerk, 5)
        request = self._request()
        self.rpc(self.approver, "omni.stock.adjustment.request", "action_approve", request.ids)
        self.assertEqual(self.quant.quantity, 5)
        with self.assertRaisesRegex(RpcError, "already been decided"):
            self.rpc(self.clerk, "omni.stock.adjustment.request", "action_withdraw",
                     request.ids)
        self.assertEqual(request.state, "approved")

    def test_decision_dialog_names_product_location_and_quantity(self):
        self._count(self.clerk, 5)
        request = self._request()
        action = self.rpc(self.approver, "omni.stock.adjustment.request",
                          "action_open_approve", request.ids)
        wizard_id = self.rpc(self.approver, "omni.stock.adjustment.decision", "create",
                             {"request_id": request.id}, context=action["context"])
        [values] = self.rpc(self.approver, "omni.stock.adjustment.decision", "read",
                            [wizard_id], ["product_id", "location_id", "quantity_delta",
                                          "requester_id"])
        self.assertEqual((values["product_id"][0], values["location_id"][0],
                          values["quantity_delta"], values["requester_id"][0]),
                         (self.product.id, self.stock.id, -15, self.clerk.id))
