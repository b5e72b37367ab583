from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import TransferCase


@tagged("post_install", "-at_install")
class TestTransferApproval(TransferCase):
    def _submitted(self, **kwargs):
        request = self.request(**kwargs)
        request.action_submit()
        return request

    def test_rules_by_value_quantity_reason_route_and_safety(self):
        """4 tees (5.00) = 20.00 of value, 4 units, from A (10 on hand) to B."""
        cases = [
            ({"kind": "value", "threshold": 19.99}, True),
            ({"kind": "value", "threshold": 20.0}, False),
            ({"kind": "quantity", "threshold": 3}, True),
            ({"kind": "quantity", "threshold": 4}, False),
            ({"kind": "reason", "reason": "replenish"}, True),
            ({"kind": "reason", "reason": "emergency"}, False),
            ({"kind": "route", "warehouse_dest_id": "B"}, True),
            ({"kind": "route", "warehouse_id": "B"}, False),
            # A keeps 6 after the transfer: below a minimum of 7, not of 6
            ({"kind": "below_safety", "min": 7}, True),
            ({"kind": "below_safety", "min": 6}, False),
        ]
        stores = {"A": self.store_a.id, "B": self.store_b.id}
        for vals, needs_approval in cases:
            with self.subTest(rule=vals):
                vals = dict(vals)
                orderpoint = None
                if "min" in vals:
                    orderpoint = self.env["stock.warehouse.orderpoint"].create({
                        "product_id": self.product.id, "warehouse_id": self.store_a.id,
                        "location_id": self.store_a.lot_stock_id.id,
                        "product_min_qty": vals.pop("min"), "product_max_qty": 20})
                for key in ("warehouse_id", "warehouse_dest_id"):
                    if key in vals:
                        vals[key] = stores[vals[key]]
                rule = self.rule(**vals)
                request = self._submitted()
                self.assertEqual(request.approval_state,
                                 "to_approve" if needs_approval else "approved")
                self.assertEqual(bool(request.picking_ids), not needs_approval)
                if needs_approval:
                    self.assertIn(rule.name, request.approval_reasons)
                    request.with_user(self.clerk).action_cancel()
                else:
                    self.ship(request)  # back to 10 units at A for the next case
                    self.receive(request)
                    self.env["stock.quant"]._update_available_quantity(
                        self.product, self.store_a.lot_stock_id, 4)
                rule.active = False
                if orderpoint:
                    orderpoint.unlink()

    def test_approver_approves_and_the_requester_never_decides(self):
        self.rule("route")
        request = self._submitted()
        self.assertEqual((request.state, request.picking_ids.ids), ("to_approve", []))
        activity_users = request.activity_ids.user_id
        self.assertIn(self.approver, activity_users)
        self.assertNotIn(self.clerk, activity_users)
        with self.assertRaises(AccessError):
            request.with_user(self.clerk).action_approve()
        # an approver who requested it cannot approve it either
        own = self.request(user=self.approver)
        own.with_user(self.approver).action_submit()
        self.assertFalse(own.with_user(self.approver).can_decide)
        with self.assertRaises(UserError):
            own.with_user(self.approver).action_approve()
        self.assertNotIn(self.approver, own.activity_ids.user_id)
        self.assertTrue(request.with_user(self.approver).can_decide)
        request.with_user(self.approver).action_approve("ok for the weekend")
        self.assertEqual((request.approval_state, request.state, request.approver_id),
                         ("approved", "approved", self.approver))
        self.assertTrue(request.picking_out_id and request.picking_in_id)
        self.assertFalse(request.activity_ids)
        # the same audit log as stock adjustments: who asked, who approved, per product
        log = self.env["omni.stock.adjustment.log"].search(
            [("transfer_request_id", "=", request.id)], order="id")
        self.assertEqual(
            [(entry.event, entry.source, entry.product_id, entry.quantity_delta,
              entry.location_id, entry.location_dest_id, entry.requester_id,
              entry.approver_id) for entry in log],
            [("approval_requested", "transfer", self.product, -4, self.store_a.lot_stock_id,
              self.store_b.lot_stock_id, self.clerk, self.env["res.users"]),
             ("approval_approved", "transfer", self.product, -4, self.store_a.lot_stock_id,
              self.store_b.lot_stock_id, self.clerk, self.approver)])
        self.assertEqual(log[1].decision_comment, "ok for the weekend")
        with self.assertRaises(UserError):
            request.with_user(self.approver2).action_approve()

    def test_rejection_needs_a_comment_and_makes_no_transfer(self):
        self.rule("route")
        request = self._submitted()
        with self.assertRaises(UserError):
            request.with_user(self.approver).action_reject()
        request.with_user(self.approver).action_reject("B is overstocked")
        self.assertEqual((request.approval_state, request.state), ("rejected", "rejected"))
        self.assertFalse(request.picking_ids)
        with self.assertRaises(UserError):
            request.with_user(self.clerk).action_confirm()
        # asked again: a new draft, nothing of the decision carried over
        again = request.with_user(self.clerk).copy()
        self.assertEqual(
            (again.state, again.approval_state, again.approver_id, again.decision_comment,
             again.line_ids.mapped("quantity")),
            ("draft", "draft", self.env["res.users"], False, [4.0]))

    def test_approval_cannot_be_skipped_on_any_path(self):
        self.rule("route")
        request = self._submitted()
        mine = request.with_user(self.clerk)
        with self.assertRaises(UserError):
            mine.action_confirm()
        for vals in ({"approval_state": "approved"}, {"state": "approved"},
                     {"approver_id": self.approver.id}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                mine.write(vals)
        # what was submitted is what gets approved
        with self.assertRaises(UserError):
            mine.write({"warehouse_dest_id": self.env["stock.warehouse"].search(
                [("id", "not in", (self.store_a | self.store_b).ids)], limit=1).id})
        with self.assertRaises(UserError):
            mine.line_ids.write({"quantity": 9})
        with self.assertRaises(UserError):
            self.env["omni.stock.transfer.request.line"].with_user(self.clerk).create(
                {"request_id": request.id, "product_id": self.product2.id, "quantity": 1})
        # born approved? neither in the values nor through a context default
        Request = self.env["omni.stock.transfer.request"].with_user(self.clerk)
        vals = {"warehouse_id": self.store_a.id, "warehouse_dest_id": self.store_b.id,
                "line_ids": [Command.create({"product_id": self.product.id, "quantity": 1})]}
        with self.assertRaises(AccessError):
            Request.create({**vals, "approval_state": "approved"})
        born = Request.with_context(default_approval_state="approved",
                                    default_state="approved").create(vals)
        self.assertEqual((born.approval_state, born.state), ("draft", "draft"))
        # a transfer of Odoo linked to the request, made by hand
        picking_vals = request._prepare_picking_vals("out")
        with self.assertRaises(UserError):
            self.env["stock.picking"].with_user(self.clerk).create(picking_vals)
        with self.assertRaises(UserError):
            self.env["stock.picking"].create(picking_vals)  # not even as superuser
        other = self.env["stock.picking"].with_user(self.clerk).create(
            {k: v for k, v in picking_vals.items() if k != "omni_transfer_request_id"})
        with self.assertRaises(AccessError):
            other.write({"omni_transfer_request_id": request.id})
        self.assertEqual((request.approval_state, request.picking_ids.ids), ("to_approve", []))

    def test_submit_checks(self):
        with self.assertRaises(UserError):
            self.request(lines=[(self.product, 0)]).action_submit()
        with self.assertRaises(UserError):
            self.request(lines=[(self.product, 1), (self.product, 2)]).action_submit()
        empty = self.env["omni.stock.transfer.request"].with_user(self.clerk).create({
            "warehouse_id": self.store_a.id, "warehouse_dest_id": self.store_b.id})
        with self.assertRaises(UserError):
            empty.action_submit()
        with self.assertRaises(ValidationError):
            self.rule("reason")

    def test_company_isolation(self):
        self.rule("route")
        request = self._submitted()
        other = request.with_user(self.clerk_b)
        with self.assertRaises(AccessError):
            other.read(["name"])
        with self.assertRaises(AccessError):
            other.action_approve()
        self.assertFalse(self.env["omni.stock.transfer.request"].with_user(
            self.clerk_b).search([("id", "=", request.id)]))
        self.assertNotIn(self.clerk_b, request.activity_ids.user_id)
        # another company's rules do not apply here
        self.env["omni.stock.transfer.rule"].search([]).active = False
        self.env["omni.stock.transfer.rule"].create({
            "name": "B: everything", "kind": "quantity", "threshold": 0,
            "company_id": self.company_b.id})
        self.assertEqual(self._submitted().approval_state, "approved")
        # nor can a request of B use A's stores
        with self.assertRaises(UserError):
            self.env["omni.stock.transfer.request"].create({
                "company_id": self.company_b.id, "warehouse_id": self.store_a.id,
                "warehouse_dest_id": self.store_b.id})

    def test_company_may_require_requests_for_every_transfer_into_transit(self):
        picking = self.env["stock.picking"].with_user(self.clerk).create({
            "picking_type_id": self.store_a.int_type_id.id,
            "location_id": self.store_a.lot_stock_id.id,
            "location_dest_id": self.transit.id,
            "move_ids": [Command.create({
                "name": "by hand", "product_id": self.product.id, "product_uom_qty": 1,
                "product_uom": self.product.uom_id.id,
                "location_id": self.store_a.lot_stock_id.id,
                "location_dest_id": self.transit.id})],
        })
        picking.action_confirm()
        picking.move_ids.write({"quantity": 1, "picked": True})
        self.company.omni_transfer_request_required = True
        with self.assertRaises(UserError):
            picking.button_validate()
        self.assertEqual(picking.state, "assigned")
        # a request's own transfers go
        request = self._submitted()
        self.ship(request)
        self.assertEqual(request.state, "shipped")
        self.company.omni_transfer_request_required = False
        picking.button_validate()
        self.assertEqual(picking.state, "done")
