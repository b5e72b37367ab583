from datetime import timedelta

from odoo import Command, fields
from odoo.addons.omni_stock.tests.rpc import RpcError, RpcMixin
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestContextKeysOverRpc(RpcMixin, HttpCase):
    """Every context key the adjustment rules read, sent by a plain inventory user from
    the web client's route: none switches a check off or rewrites the audit trail."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write({"omni_adj_threshold_qty": 10, "omni_adj_threshold_value": 0,
                           "omni_stock_lock_date": False})
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1)
        cls.stock = cls.warehouse.lot_stock_id
        cls.product = cls.env["product.product"].create(
            {"name": "Context Tee", "is_storable": True, "standard_price": 3.0})
        cls.reason = cls.env["omni.stock.adjustment.reason"].create(
            {"name": "Context recount", "code": "CTX-RECOUNT"})
        cls.env["stock.quant"]._update_available_quantity(cls.product, cls.stock, 20)
        cls.quant = cls.env["stock.quant"]._gather(cls.product, cls.stock, strict=True)
        cls.clerk = cls.rpc_user("ctx_clerk", ["stock.group_stock_user"])

    def count(self, counted, context):
        self.rpc(self.clerk, "stock.quant", "write", self.quant.ids,
                 {"inventory_quantity": counted, "omni_reason_id": self.reason.id},
                 context={"inventory_mode": True, **context})
        self.rpc(self.clerk, "stock.quant", "action_apply_inventory", self.quant.ids,
                 context={"inventory_mode": True, **context})

    def test_source_date_and_decision_of_the_audit_trail_are_the_servers(self):
        smuggled = {
            "omni_adjustment_source": "system",  # unusual-adjustment alerts skip "system"
            "default_date": "2001-01-01 00:00:00",
            "default_state": "approved",
            "default_approver_id": self.env.ref("base.user_admin").id,
            "default_decided_at": "2001-01-01 00:00:00",
        }
        self.count(18, smuggled)  # applied at once
        self.count(40, smuggled)  # above the threshold: waits for an approver
        log = self.env["omni.stock.adjustment.log"].search(
            [("product_id", "=", self.product.id), ("event", "=", "applied")])
        self.assertEqual(log.source, "count")
        self.assertGreater(log.date, fields.Datetime.now() - timedelta(hours=1))
        request = self.env["omni.stock.adjustment.request"].search(
            [("product_id", "=", self.product.id)])
        self.assertEqual((request.state, request.approver_id.id, request.decided_at),
                         ("to_approve", False, False))
        requested = request.log_ids
        self.assertEqual(requested.mapped("source"), ["count"])
        self.assertFalse(requested.approver_id)

    def test_forced_accounting_date_cannot_pass_the_lock_date(self):
        today = fields.Date.context_today(self.company)
        self.company.omni_stock_lock_date = today  # today is closed
        picking = self.env["stock.picking"].create({
            "picking_type_id": self.warehouse.in_type_id.id,
            "location_id": self.env.ref("stock.stock_location_suppliers").id,
            "location_dest_id": self.stock.id,
            "move_ids": [Command.create({
                "name": "ctx", "product_id": self.product.id, "product_uom_qty": 2,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": self.stock.id})],
        })
        picking.action_confirm()
        picking.move_ids.write({"quantity": 2, "picked": True})
        tomorrow = fields.Date.to_string(today + timedelta(days=1))
        with self.assertRaises(RpcError) as caught:
            self.rpc(self.clerk, "stock.picking", "button_validate", picking.ids,
                     context={"force_period_date": tomorrow})
        self.assertIn("locked", caught.exception.message)
        self.assertNotEqual(picking.state, "done")
