from odoo.exceptions import AccessError, UserError

from .common import APPROVER as APPROVER_GROUP
from .common import BarcodeCase


class TestTolerance(BarcodeCase):
    """Receipt differences beyond the vendor's or the category's tolerance need a
    reason; above the adjustment thresholds, an approval."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.receipt_type.write({"omni_difference_reason": True, "create_backorder": "ask"})
        cls.category.omni_receipt_tolerance = 10.0

    def scanned(self, received, expected=10):
        picking = self.receipt([(self.tee, expected)])
        self.scan(picking, "SC-TEE", quantity=received)
        return picking.with_user(self.receiver)

    def test_within_tolerance_needs_no_reason(self):
        picking = self.scanned(11)  # +1 of 10 = 10 %
        self.assertEqual(picking.omni_scanner_validate()["state"], "done")

    def test_over_receipt_beyond_tolerance_asks_a_reason(self):
        picking = self.scanned(12)  # +2 of 10 = 20 %
        answer = picking.omni_scanner_validate()
        self.assertEqual(answer["ask"], "reason")
        self.assertEqual(answer["differences"], [
            {"product": "[SC-TEE] Scan Tee", "expected": 10.0, "received": 12.0}])
        with self.assertRaisesRegex(UserError, "beyond the tolerance"):
            picking.button_validate()
        self.assertEqual(picking.state, "assigned")
        answer = picking.omni_scanner_validate(reason_id=self.reason.id, note="2 extra")
        self.assertEqual(answer["state"], "done")
        self.assertEqual(self.env["stock.quant"]._omni_onhand(self.tee, self.stock), 12)

    def test_blind_reason_question_gives_no_figure(self):
        self.receipt_type.omni_blind_receipt = True
        answer = self.scanned(12).omni_scanner_validate()
        self.assertEqual(answer["differences"], [{"product": "[SC-TEE] Scan Tee"}])

    def test_vendor_tolerance_wins_over_category(self):
        self.vendor.write({"omni_receipt_tolerance_own": True, "omni_receipt_tolerance": 25})
        self.assertEqual(self.scanned(12).omni_scanner_validate()["state"], "done")
        self.vendor.omni_receipt_tolerance = 0
        self.assertEqual(self.scanned(11).omni_scanner_validate()["ask"], "reason")

    def test_under_receipt_backorder_or_close_is_explicit(self):
        picking = self.scanned(5)
        self.assertEqual(picking.omni_scanner_validate(), {"ask": "backorder"})
        # a backorder keeps the rest expected: no difference
        self.assertEqual(picking.omni_scanner_validate(close=False)["state"], "done")
        picking = self.scanned(5)
        # closing makes the missing 5 (50 %) a difference
        self.assertEqual(picking.omni_scanner_validate(close=True)["ask"], "reason")
        answer = picking.omni_scanner_validate(close=True, reason_id=self.reason.id)
        self.assertEqual((answer["state"], answer["backorder"]), ("done", False))

    def test_each_line_of_a_receipt_is_judged_on_what_it_receives(self):
        picking = self.receipt([(self.tee, 10), (self.cap, 10)])
        self.scan(picking, "SC-TEE", quantity=12)  # +20 %; the cap is not scanned
        receiving = picking.with_user(self.receiver)
        self.assertEqual(receiving.omni_scanner_validate(), {"ask": "backorder"})
        # closed, the cap nobody scanned is received as 0: a difference too
        self.assertEqual(receiving.omni_scanner_validate(close=True)["differences"], [
            {"product": "[SC-TEE] Scan Tee", "expected": 10.0, "received": 12.0},
            {"product": "[SC-CAP] Scan Cap", "expected": 10.0, "received": 0.0}])
        # with a backorder the cap stays expected: the tee alone needs the reason
        self.assertEqual(receiving.omni_scanner_validate(close=False)["differences"], [
            {"product": "[SC-TEE] Scan Tee", "expected": 10.0, "received": 12.0}])
        answer = receiving.omni_scanner_validate(close=False, reason_id=self.reason.id)
        self.assertEqual(answer["state"], "done")
        backorder = picking.search([("backorder_id", "=", picking.id)])
        self.assertEqual(answer["backorder"], backorder.name)
        self.assertEqual((backorder.move_ids.product_id, backorder.move_ids.product_uom_qty),
                         (self.cap, 10))
        self.assertEqual(self.env["stock.quant"]._omni_onhand(self.tee, self.stock), 12)

    def test_difference_above_thresholds_waits_for_an_approver(self):
        self.company.omni_adj_threshold_qty = 3
        picking = self.scanned(15)  # +5 > 3
        answer = picking.omni_scanner_validate(reason_id=self.reason.id)
        self.assertEqual(answer["state"], "to_approve")
        request = self.env["omni.stock.adjustment.request"].search(
            [("omni_receipt_move_id", "=", self.move(picking, self.tee).id)])
        self.assertEqual((request.quantity_delta, request.source, request.requester_id),
                         (5.0, "receipt", self.receiver))
        # nothing validated, on any path, until approved
        with self.assertRaisesRegex(UserError, "waiting for approval"):
            picking.move_ids._action_done()
        self.assertEqual(picking.omni_scanner_validate()["state"], "to_approve")
        self.assertEqual(len(request.search([("omni_receipt_move_id", "!=", False),
                                             ("id", ">=", request.id)])), 1)
        request.with_user(self.approver).action_approve("ok")
        self.assertEqual(request.state, "approved")
        self.assertEqual(picking.omni_scanner_validate()["state"], "done")
        self.assertEqual(self.env["stock.quant"]._omni_onhand(self.tee, self.stock), 15)

    def test_form_button_sends_the_difference_for_approval(self):
        self.company.omni_adj_threshold_qty = 3
        picking = self.scanned(15)
        picking.omni_difference_reason_id = self.reason
        action = picking.button_validate()
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(picking.state, "assigned")
        request = self.env["omni.stock.adjustment.request"].search(
            [("omni_receipt_move_id", "in", picking.move_ids.ids)])
        self.assertEqual(request.state, "to_approve")
        with self.assertRaises(AccessError):
            request.with_user(self.receiver).action_approve("me")
        # an approver who received the goods is no approver of their own difference
        self.receiver.groups_id |= self.env.ref(APPROVER_GROUP)
        with self.assertRaisesRegex(UserError, "own adjustment request"):
            request.with_user(self.receiver).action_approve("me")
