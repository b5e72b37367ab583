from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import AdjustmentCase


@tagged("post_install", "-at_install")
class TestCountApply(AdjustmentCase):
    def test_no_reason_is_refused(self):
        self.assertRefused("reason is required", self.count, 25)

    def test_small_change_applied_and_logged(self):
        self.count(25, self.reason)
        self.assertEqual(self.qty(), 25)
        log = self.logs()
        self.assertEqual(len(log), 1)
        self.assertRecordValues(
            log,
            [
                {
                    "event": "applied",
                    "quantity_before": 20,
                    "quantity_after": 25,
                    "quantity_delta": 5,
                    "value": 50.0,
                    "reason_id": self.reason.id,
                    "source": "count",
                    "requester_id": self.user.id,
                    "approver_id": False,
                    "location_id": self.stock.id,
                }
            ],
        )
        self.assertFalse(self.requests())
        quant = self.quant()
        self.assertFalse(quant.inventory_quantity_set)
        self.assertFalse(quant.omni_reason_id)
        move = self.env["stock.move"].search(
            [("product_id", "=", self.product.id), ("is_inventory", "=", True)]
        )
        self.assertEqual(move.name, "Recount")

    def test_at_threshold_is_applied(self):
        self.count(30, self.reason)
        self.assertEqual(self.qty(), 30)
        self.assertFalse(self.requests())

    def test_large_change_only_creates_request(self):
        self.count(50, self.reason)
        self.assertEqual(self.qty(), 20)
        request = self.requests()
        self.assertRecordValues(
            request,
            [
                {
                    "state": "to_approve",
                    "quantity_before": 20,
                    "quantity_requested": 50,
                    "quantity_delta": 30,
                    "requester_id": self.user.id,
                    "source": "count",
                    "reason_id": self.reason.id,
                }
            ],
        )
        quant = self.quant()
        self.assertFalse(quant.inventory_quantity_set, "quant must not be left half-applied")
        self.assertEqual(quant.inventory_quantity, 0)
        self.assertEqual(self.logs("requested").quantity_delta, 30)
        self.assertFalse(self.logs("applied"))
        # approvers but not the requester get an activity
        users = request.activity_ids.user_id
        self.assertIn(self.approver, users)
        self.assertIn(self.approver2, users)
        self.assertNotIn(self.user, users)

    def test_requester_cannot_approve(self):
        self.count(50, self.reason)
        request = self.requests()
        with self.assertRaises(AccessError):
            request.with_user(self.user).action_approve()
        # an approver who requested the change cannot approve it either
        self.count(0, self.reason, user=self.approver)
        own = self.requests() - request
        self.assertEqual(own.requester_id, self.approver)
        with self.assertRaisesRegex(UserError, "your own"):
            own.with_user(self.approver).action_approve()
        with self.assertRaisesRegex(UserError, "your own"):
            own.with_user(self.approver).action_reject("no")
        self.assertEqual(self.qty(), 20)
        self.assertEqual(own.state, "to_approve")

    def test_other_approver_applies(self):
        self.count(50, self.reason)
        request = self.requests()
        self.assertTrue(request.with_user(self.approver).action_approve("ok"))
        self.assertEqual(self.qty(), 50)
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.approver_id, self.approver)
        self.assertFalse(request.activity_ids)
        applied = self.logs("applied")
        self.assertRecordValues(
            applied,
            [
                {
                    "quantity_before": 20,
                    "quantity_after": 50,
                    "quantity_delta": 30,
                    "requester_id": self.user.id,
                    "approver_id": self.approver.id,
                    "request_id": request.id,
                    "decision_comment": "ok",
                    "source": "count",
                }
            ],
        )
        with self.assertRaisesRegex(UserError, "already been decided"):
            request.with_user(self.approver2).action_approve()
        self.assertEqual(self.qty(), 50)

    def test_rejection_changes_nothing_and_is_logged(self):
        self.count(50, self.reason)
        request = self.requests()
        with self.assertRaisesRegex(UserError, "comment"):
            request.with_user(self.approver).action_reject("")
        request.with_user(self.approver).action_reject("count again")
        self.assertEqual(request.state, "rejected")
        self.assertEqual(self.qty(), 20)
        self.assertRecordValues(
            self.logs("rejected"),
            [
                {
                    "quantity_before": 20,
                    "quantity_after": 20,
                    "quantity_delta": 30,
                    "approver_id": self.approver.id,
                    "decision_comment": "count again",
                }
            ],
        )
        self.assertFalse(self.logs("applied"))
        with self.assertRaises(UserError):
            request.with_user(self.approver2).action_approve()

    def test_stock_moved_meanwhile_needs_reconfirmation(self):
        self.count(50, self.reason)
        request = self.requests()
        self.env["stock.quant"]._update_available_quantity(self.product, self.stock, 5)
        self.assertEqual(request.quantity_drift, 5)
        self.assertFalse(request.with_user(self.approver).action_approve())
        self.assertEqual(request.state, "to_approve")
        self.assertTrue(request.needs_reconfirmation)
        self.assertEqual(self.qty(), 25)
        self.assertTrue(request.with_user(self.approver).action_approve())
        # exactly the requested change, against current stock
        self.assertEqual(self.qty(), 55)
        self.assertRecordValues(
            self.logs("applied"),
            [
                {
                    "quantity_before": 25,
                    "quantity_after": 55,
                    "quantity_delta": 30,
                }
            ],
        )

    def test_decision_wizard(self):
        self.count(50, self.reason)
        request = self.requests()
        Decision = self.env["omni.stock.adjustment.decision"]
        with self.assertRaises(AccessError):
            Decision.with_user(self.user).create({"request_id": request.id})
        wizard = Decision.with_user(self.approver).create(
            {"request_id": request.id, "decision": "reject", "comment": "no"}
        )
        wizard.action_confirm()
        self.assertEqual(request.state, "rejected")
        self.assertEqual(self.qty(), 20)

    def test_thresholds_reason_then_warehouse_then_company(self):
        # value threshold of the company: 6 units x 10 = 60 > 50
        self.company.omni_adj_threshold_value = 50
        self.count(26, self.reason)
        self.assertEqual(len(self.requests()), 1)
        self.assertEqual(self.qty(), 20)
        # the warehouse overrides the company
        self.warehouse.write(
            {
                "omni_adj_override_thresholds": True,
                "omni_adj_threshold_qty": 100,
                "omni_adj_threshold_value": 0,
            }
        )
        self.count(60, self.reason)
        self.assertEqual(self.qty(), 60)
        # the reason overrides the warehouse
        self.reason.write({"omni_adj_override_thresholds": True, "omni_adj_threshold_qty": 1})
        self.count(58, self.reason)
        self.assertEqual(self.qty(), 60)
        self.assertEqual(len(self.requests()), 2)

    def test_bad_input_is_refused(self):
        with self.assertRaisesRegex(UserError, "negative"):
            self.count(-1, self.reason)
        self.assertNothingWritten()
        with self.assertRaises(ValidationError):
            self.quant().with_user(self.user).with_context(inventory_mode=True).write(
                {"inventory_quantity": 22, "omni_reason_id": 999999}
            )
        self.assertNothingWritten()
        with self.assertRaisesRegex(ValidationError, "requires a note"):
            self.count(22, self.reason_note)
        self.assertNothingWritten()
        self.count(22, self.reason_note, note="caught on camera")
        self.assertEqual(self.qty(), 22)
        self.assertEqual(self.logs().note, "caught on camera")

    def test_archived_or_foreign_reason_is_refused(self):
        archived = self.Reason.create({"name": "Old", "code": "T-OLD", "active": False})
        with self.assertRaises(ValidationError):
            self.count(22, archived)
        foreign = self.Reason.create(
            {"name": "B only", "code": "T-B", "company_id": self.company_b.id}
        )
        with self.assertRaises(ValidationError):
            self.count(22, user=self.user, omni_adjustment_reason_id=foreign.id)
        self.assertNothingWritten()

    def test_apply_all_wizard_carries_reason(self):
        quant = self.quant().with_user(self.user).with_context(inventory_mode=True)
        quant.inventory_quantity = 24
        wizard = (
            self.env["stock.inventory.adjustment.name"]
            .with_user(self.user)
            .create({"quant_ids": [(6, 0, quant.ids)], "omni_reason_id": self.reason.id})
        )
        wizard.action_apply()
        self.assertEqual(self.qty(), 24)
        self.assertEqual(self.logs().reason_id, self.reason)
