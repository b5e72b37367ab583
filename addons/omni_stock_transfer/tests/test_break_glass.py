from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import TransferCase


@tagged("post_install", "-at_install")
class TestBreakGlass(TransferCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vendor = cls.env["res.partner"].create({"name": "Emergency Vendor"})

    def order(self):
        return self.env["purchase.order"].with_user(self.buyer).create({
            "partner_id": self.vendor.id,
            "order_line": [Command.create({"product_id": self.product.id, "product_qty": 5,
                                           "price_unit": 6.0})],
        })

    def test_buyer_confirms_at_once_with_a_reason_approval_follows(self):
        self.company.omni_break_glass_days = 2
        order = self.order()
        with self.assertRaises(UserError):
            order.action_break_glass("  ")
        self.assertEqual(order.state, "draft")
        before = fields.Datetime.now()
        order.action_break_glass("Window display for Saturday's launch sold out")
        self.assertEqual(order.state, "purchase")
        self.assertTrue(order.picking_ids, "the receipt is expected at once")
        emergency = order.omni_emergency_id
        self.assertEqual(
            (emergency.approval_state, emergency.requester_id, emergency.reason),
            ("to_approve", self.buyer, "Window display for Saturday's launch sold out"))
        self.assertAlmostEqual(emergency.approval_deadline, before + timedelta(days=2),
                               delta=timedelta(minutes=1))
        self.assertIn(self.approver, emergency.activity_ids.user_id)
        # the review list
        review = self.env["omni.stock.emergency.purchase"].with_user(self.approver).search(
            [("approval_state", "=", "to_approve")])
        self.assertIn(emergency, review)
        with self.assertRaises(AccessError):
            emergency.with_user(self.buyer).action_approve()
        emergency.with_user(self.approver).action_approve()
        log = self.env["omni.stock.adjustment.log"].search(
            [("emergency_purchase_id", "=", emergency.id)], order="id")
        self.assertEqual(
            [(entry.event, entry.source, entry.product_id, entry.quantity_delta,
              entry.requester_id, entry.approver_id) for entry in log],
            [("approval_requested", "emergency", self.product, 5, self.buyer,
              self.env["res.users"]),
             ("approval_approved", "emergency", self.product, 5, self.buyer, self.approver)])
        self.assertEqual(log.with_user(self.finance).mapped("value"), [30.0, 30.0])
        self.assertEqual((emergency.approval_state, emergency.approver_id),
                         ("approved", self.approver))

    def test_break_glass_flags_only_through_its_action(self):
        order = self.order()
        with self.assertRaises(AccessError):
            order.write({"omni_break_glass": True})
        with self.assertRaises(AccessError):
            self.env["omni.stock.emergency.purchase"].with_user(self.buyer).create({
                "purchase_id": order.id, "company_id": self.company.id, "reason": "x"})
        with self.assertRaises(AccessError):
            order.with_user(self.clerk).action_break_glass("no buyer")
        order.action_break_glass("urgent")
        with self.assertRaises(AccessError):
            order.omni_emergency_id.with_user(self.buyer).write({"approval_state": "approved"})
        with self.assertRaises(UserError):
            order.action_break_glass("again")

    def test_overdue_emergency_purchase_is_listed_and_raises_an_alert(self):
        order = self.order()
        order.action_break_glass("urgent")
        emergency = order.omni_emergency_id
        Emergency = self.env["omni.stock.emergency.purchase"]
        self.assertNotIn(emergency, Emergency.search([("is_overdue", "=", True)]))
        self.assertEqual(self.env["omni.stock.alert"].scan(kinds=["break_glass_overdue"])
                         .filtered(lambda a: a.res_id == emergency.id).ids, [])
        self.env.cr.execute(
            "UPDATE omni_stock_emergency_purchase SET approval_deadline = %s WHERE id = %s",
            [fields.Datetime.now() - timedelta(hours=1), emergency.id])
        self.env.invalidate_all()
        self.assertTrue(emergency.is_overdue)
        self.assertIn(emergency, Emergency.search([("is_overdue", "=", True)]))
        self.assertNotIn(emergency, Emergency.search([("is_overdue", "=", False)]))
        alerts = self.env["omni.stock.alert"].scan(kinds=["break_glass_overdue"]).filtered(
            lambda a: a.res_id == emergency.id)
        self.assertEqual(len(alerts), 1)
        self.assertEqual(alerts.record_ref, emergency)
