from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AdjustmentCase


@tagged("post_install", "-at_install")
class TestSecurity(AdjustmentCase):
    def test_non_approver_rpc_gets_access_error(self):
        self.count(50, self.reason, user=self.approver)
        request = self.requests()
        for user in (self.user, self.manager):
            with self.assertRaises(AccessError):
                request.with_user(user).action_approve()
            with self.assertRaises(AccessError):
                request.with_user(user).action_reject("no")
            with self.assertRaises(AccessError):
                request.with_user(user).write({"state": "approved"})
        self.assertEqual(request.state, "to_approve")
        self.assertEqual(self.qty(), 20)

    def test_other_company_approver_cannot_see_or_approve(self):
        self.count(50, self.reason)
        request = self.requests()
        with self.assertRaises(AccessError):
            request.with_user(self.user_b).action_approve()
        self.assertFalse(self.Request.with_user(self.user_b).search([]))
        self.assertFalse(self.Log.with_user(self.user_b).search([]))
        self.assertNotIn(self.user_b, request.activity_ids.user_id)
        self.assertEqual(self.qty(), 20)

    def test_requests_cannot_be_created_by_users(self):
        with self.assertRaises(AccessError):
            self.Request.with_user(self.approver).create(
                {
                    "company_id": self.company.id,
                    "product_id": self.product.id,
                    "location_id": self.stock.id,
                    "reason_id": self.reason.id,
                    "requester_id": self.user.id,
                    "state": "approved",
                }
            )

    def test_log_is_append_only(self):
        self.count(25, self.reason)
        log = self.logs()
        self.assertEqual(len(log), 1)
        for user in (self.user, self.manager):
            with self.assertRaises(UserError):
                log.with_user(user).write({"quantity_delta": 1})
            with self.assertRaises(UserError):
                log.with_user(user).unlink()
            with self.assertRaises(AccessError):
                self.Log.with_user(user).create({"event": "applied", "company_id": 1})
        # not even sudo / the superuser through the ORM
        with self.assertRaises(UserError):
            log.sudo().write({"quantity_delta": 1})
        with self.assertRaises(UserError):
            log.sudo().unlink()
        self.assertEqual(log.quantity_delta, 5)

    def test_manager_exports_log(self):
        self.count(25, self.reason)
        data = (
            self.logs()
            .with_user(self.manager)
            .export_data(["product_id/id", "quantity_delta", "reason_id/id", "requester_id/login"])[
                "datas"
            ]
        )
        self.assertEqual(float(data[0][1]), 5.0)
        self.assertEqual(data[0][3], "adj_user")

    def test_reasons_managed_by_managers_only(self):
        with self.assertRaises(AccessError):
            self.Reason.with_user(self.user).create({"name": "X", "code": "X"})
        with self.assertRaises(AccessError):
            self.reason.with_user(self.approver).write({"omni_adj_threshold_qty": 1000})
        reason = self.Reason.with_user(self.manager).create({"name": "X", "code": "X"})
        self.assertEqual(reason.category, "count")
