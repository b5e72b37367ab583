import datetime

from odoo.addons.omni_stock.tests.rpc import RpcError, RpcMixin
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestApplyRightsOverRpc(RpcMixin, HttpCase):
    """Applying a recommendation changes a reordering rule: over JSON-RPC, a plain
    inventory user reads the recommendation but cannot apply it (nor write it); an
    inventory manager can, and the change is logged under the manager's name."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse = cls.env["stock.warehouse"].create(
            {"name": "Replenish Rights WH", "code": "RRW"})
        cls.product = cls.env["product.product"].create({
            "name": "Replenish Rights Tee", "type": "consu", "is_storable": True})
        today = datetime.date.today()
        week = today - datetime.timedelta(days=today.weekday())
        series = cls.env["omni.stock.forecast.series"].create({
            "product_id": cls.product.id, "warehouse_id": cls.warehouse.id,
            "company_id": cls.env.company.id, "method": "seasonal_naive"})
        cls.env["omni.stock.forecast.line"].create([{
            "series_id": series.id, "product_id": cls.product.id,
            "warehouse_id": cls.warehouse.id, "company_id": cls.env.company.id,
            "week_start": week + datetime.timedelta(weeks=i), "figure": 7.0,
        } for i in range(3)])
        Rec = cls.env["omni.stock.replenish.recommendation"]
        Rec._compute_pairs(cls.env.company, [(cls.product.id, cls.warehouse.id)])
        cls.rec = Rec.search([("product_id", "=", cls.product.id)])
        cls.clerk = cls.rpc_user("repl_rights_clerk", ["stock.group_stock_user"])
        cls.manager = cls.rpc_user("repl_rights_manager", ["stock.group_stock_manager"])

    def _rules(self):
        return self.env["stock.warehouse.orderpoint"].search(
            [("product_id", "=", self.product.id)])

    def test_a_plain_inventory_user_cannot_apply_over_rpc(self):
        read = self.rpc(self.clerk, "omni.stock.replenish.recommendation", "read",
                        [self.rec.id], ["min_qty"])
        self.assertEqual(read[0]["min_qty"], self.rec.min_qty)
        with self.assertRaises(RpcError) as refused:
            self.rpc(self.clerk, "omni.stock.replenish.recommendation", "action_apply",
                     [self.rec.id])
        self.assertEqual(refused.exception.name, "odoo.exceptions.AccessError")
        with self.assertRaises(RpcError):
            self.rpc(self.clerk, "omni.stock.replenish.recommendation", "write",
                     [self.rec.id], {"min_qty": 99})
        self.assertFalse(self._rules())
        self.rpc(self.manager, "omni.stock.replenish.recommendation", "action_apply",
                 [self.rec.id])
        rule = self._rules()
        self.assertEqual((rule.product_min_qty, rule.product_max_qty),
                         (self.rec.min_qty, self.rec.max_qty))
        log = self.env["omni.stock.replenish.apply.log"].search(
            [("orderpoint_id", "=", rule.id)])
        self.assertEqual(log.user_id, self.manager)
