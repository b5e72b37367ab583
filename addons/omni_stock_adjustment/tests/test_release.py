from odoo.addons.omni_stock.tests.rpc import RpcError, RpcMixin
from odoo.tests import HttpCase, tagged

from .common import APPROVER, AdjustmentCase


@tagged("post_install", "-at_install")
class TestStatusRelease(RpcMixin, HttpCase, AdjustmentCase):
    """Damaged stock becomes sellable only by a reason-coded release that somebody
    other than the requester approves; the approval moves the stock. Plain users
    over JSON-RPC and XML-RPC, like the web client and a script."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.damaged = cls.env["stock.location"].create({
            "name": "Release Damaged", "usage": "internal", "omni_status": "damaged",
            "location_id": cls.warehouse.view_location_id.id})
        cls.env["stock.quant"]._update_available_quantity(cls.product, cls.damaged, 5)
        cls.clerk = cls.rpc_user("rel_clerk", ["stock.group_stock_user"])
        cls.boss = cls.rpc_user("rel_approver", [APPROVER])
        cls.other_boss = cls.rpc_user("rel_approver2", [APPROVER])
        cls.channel = cls.env["omni.channel"].create({
            "name": "Release Web", "code": "rel-web", "warehouse_ids": [(6, 0,
                                                                       cls.warehouse.ids)]})

    def ats(self):
        return self.env["omni.ats"].compute(self.product, channel=self.channel)[
            self.product.id]["ats"]

    def release(self, user, qty=2, call=None, **vals):
        """Fill the release form and request it as ``user``; the request."""
        call = call or self.rpc
        release_id = call(user, "omni.stock.release", "create", {
            "product_id": self.product.id, "location_id": self.damaged.id,
            "location_dest_id": self.stock.id, "quantity": qty,
            "omni_reason_id": self.reason.id, "omni_reason_note": "Cleaned and repacked",
            **vals})
        action = call(user, "omni.stock.release", "action_request", [release_id])
        return self.Request.browse(action["res_id"])

    def test_ordinary_transfer_refused_release_approved_by_another(self):
        ats = self.ats()
        picking = self.picking(self.warehouse.int_type_id, self.damaged, self.stock, 2,
                               user=self.clerk)
        with self.assertRaisesRegex(Exception, "request a reason-coded release"):
            self.validate(picking.with_user(self.clerk))
        self.assertEqual((self.qty(self.damaged), self.ats()), (5, ats))

        request = self.release(self.clerk)
        self.assertEqual((request.state, request.source), ("to_approve", "release"))
        self.assertEqual(request.location_dest_id, self.stock)
        self.assertEqual((self.qty(self.damaged), self.ats()), (5, ats),
                         "nothing moves before the approval")
        self.assertTrue(self.logs("requested"))

        for call in (self.rpc, self.xmlrpc):
            with self.subTest(call=call.__name__), self.assertRaises(RpcError) as caught:
                call(self.clerk, "omni.stock.adjustment.request", "action_approve",
                     [request.id])
            self.assertEqual(caught.exception.name, "odoo.exceptions.AccessError")

        self.rpc(self.boss, "omni.stock.adjustment.request", "action_approve", [request.id])
        self.assertEqual((request.state, request.approver_id), ("approved", self.boss))
        self.assertEqual((self.qty(self.damaged), self.qty()), (3, 22))
        self.assertEqual(self.ats(), ats + 2)
        self.assertEqual(request.picking_id.state, "done")
        self.assertEqual(request.picking_id.location_dest_id, self.stock)
        log = self.logs("released")
        self.assertEqual((log.location_id, log.location_dest_id, log.quantity_delta),
                         (self.damaged, self.stock, -2))
        self.assertEqual((log.requester_id, log.approver_id), (self.clerk, self.boss))
        self.assertFalse(self.logs("applied"), "a release is no adjustment (no shrinkage)")

    def test_requester_never_approves_own_release(self):
        request = self.release(self.boss, call=self.xmlrpc)
        for call in (self.rpc, self.xmlrpc):
            with self.subTest(call=call.__name__), self.assertRaises(RpcError) as caught:
                call(self.boss, "omni.stock.adjustment.request", "action_approve",
                     [request.id])
            self.assertIn("your own adjustment request", caught.exception.message)
        self.assertEqual((request.state, self.qty(self.damaged)), ("to_approve", 5))
        self.rpc(self.other_boss, "omni.stock.adjustment.request", "action_reject",
                 [request.id], comment="Still stained")
        self.assertEqual((request.state, self.qty(self.damaged)), ("rejected", 5))

    def test_release_always_waits_whatever_the_thresholds(self):
        self.company.write({"omni_adj_threshold_qty": 0})
        request = self.release(self.clerk, qty=1)
        self.assertEqual(request.state, "to_approve")
        self.assertEqual(self.qty(self.damaged), 5)

    def test_bad_releases_refused_nothing_written(self):
        cases = [
            ({"quantity": 6}, "holds 5.0"),
            ({"quantity": 0}, "positive quantity"),
            ({"location_id": self.stock.id, "location_dest_id": self.damaged.id},
             "no release is needed"),
            ({"omni_reason_id": False}, "adjustment reason is required"),
            ({"omni_reason_id": self.reason_note.id, "omni_reason_note": False},
             "requires a note"),
        ]
        for vals, message in cases:
            with self.subTest(message=message), self.assertRaises(RpcError) as caught:
                self.release(self.clerk, **vals)
            self.assertIn(message, caught.exception.message)
        self.assertFalse(self.requests())
        self.assertEqual(self.qty(self.damaged), 5)

    def test_stock_moved_since_request_approved_twice(self):
        request = self.release(self.clerk, qty=2)
        self.env["stock.quant"]._update_available_quantity(self.product, self.damaged, -4)
        with self.assertRaises(RpcError) as caught:
            # 1 left: approving would release more than is there
            self.rpc(self.boss, "omni.stock.adjustment.request", "action_approve",
                     [request.id])
            self.rpc(self.boss, "omni.stock.adjustment.request", "action_approve",
                     [request.id])
        self.assertIn("negative", caught.exception.message)
        self.assertEqual((request.state, self.qty(self.damaged)), ("to_approve", 1))
