from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AdjustmentCase


@tagged("post_install", "-at_install")
class TestLockDate(AdjustmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        cls.customer = cls.env.ref("stock.stock_location_customers")

    def _lock(self, days_ago):
        self.company.with_user(self.manager).omni_set_stock_lock_date(
            self.today - timedelta(days=days_ago)
        )

    def _out_move(self, qty=2):
        move = self.env["stock.move"].create(
            {
                "name": "out",
                "product_id": self.product.id,
                "product_uom_qty": qty,
                "location_id": self.stock.id,
                "location_dest_id": self.customer.id,
            }
        )
        move._action_confirm()
        move._action_assign()
        move.picked = True
        return move

    def test_only_managers_move_it_and_it_is_logged(self):
        with self.assertRaises(AccessError):
            self.company.with_user(self.user).omni_set_stock_lock_date(self.today)
        with self.assertRaises(AccessError):
            self.company.with_user(self.approver).sudo().write({"omni_stock_lock_date": self.today})
        with self.assertRaises(AccessError):
            self.company.with_user(self.approver).omni_adj_threshold_qty = 1000
        self._lock(5)
        log = self.Log.search([("event", "=", "lock_date"), ("company_id", "=", self.company.id),
                               ("requester_id", "=", self.manager.id)])
        self.assertEqual(len(log), 1)
        self.assertIn(str(self.today - timedelta(days=5)), log.note)

    def test_backdated_inventory_adjustment_refused(self):
        self._lock(5)
        with self.assertRaisesRegex(UserError, "locked"):
            self.count(22, self.reason, accounting_date=self.today - timedelta(days=6))
        self.assertNothingWritten()
        # after the lock date it goes through
        self.count(22, self.reason, accounting_date=self.today - timedelta(days=4))
        self.assertEqual(self.qty(), 22)

    def test_lock_today_blocks_count_wizard_and_scrap(self):
        self._lock(0)
        with self.assertRaisesRegex(UserError, "locked"):
            self.count(22, self.reason)
        scrap = self.scrap(1, self.reason)
        with self.assertRaisesRegex(UserError, "locked"):
            scrap.action_validate()
        self.assertNothingWritten()

    def test_approval_after_lock_refused(self):
        self.count(50, self.reason)
        request = self.requests()
        self._lock(0)
        with self.assertRaisesRegex(UserError, "locked"):
            request.with_user(self.approver).action_approve()
        self.assertEqual(self.qty(), 20)
        self.assertEqual(request.state, "to_approve")

    def test_move_validated_with_forced_past_date_refused(self):
        self._lock(5)
        move = self._out_move()
        with self.assertRaisesRegex(UserError, "locked"):
            move.with_context(force_period_date=self.today - timedelta(days=10))._action_done()
        self.assertEqual(self.qty(), 20)
        move._action_done()
        self.assertEqual(move.state, "done")
        self.assertEqual(self.qty(), 18)
        # a done move is never re-dated (into the locked period or elsewhere)
        with self.assertRaisesRegex(UserError, "cannot be edited"):
            move.with_user(self.user).date = fields.Datetime.now() - timedelta(days=10)

    def test_move_validation_blocked_when_today_locked(self):
        self._lock(0)
        move = self._out_move()
        with self.assertRaisesRegex(UserError, "locked"):
            move._action_done()
        self.assertEqual(self.qty(), 20)

    def test_done_scrap_cannot_be_backdated(self):
        self._lock(5)
        scrap = self.scrap(1, self.reason)
        scrap.action_validate()
        self.assertEqual(scrap.state, "done")
        with self.assertRaisesRegex(UserError, "locked"):
            scrap.write({"date_done": fields.Datetime.now() - timedelta(days=10)})
