from odoo import fields
from odoo.addons.omni_stock.tests.rpc import RpcError, RpcMixin
from odoo.tests import HttpCase, tagged

from .common import PLANNER, monday

REPORT_USER = "omni_stock_report.group_omni_report_user"


@tagged("post_install", "-at_install")
class TestForecastRights(RpcMixin, HttpCase):
    """Over JSON-RPC and XML-RPC, as the least-privileged users: a planner overrides
    with a reason, a report user reads only, another company sees nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        warehouse = cls.env["stock.warehouse"].search([("company_id", "=", company.id)],
                                                      limit=1)
        product = cls.env["product.product"].create(
            {"name": "Rights Tee", "type": "consu", "is_storable": True})
        series = cls.env["omni.stock.forecast.series"].create({
            "product_id": product.id, "warehouse_id": warehouse.id, "company_id": company.id,
            "method": "ses"})
        cls.line = cls.env["omni.stock.forecast.line"].create({
            "series_id": series.id, "product_id": product.id, "warehouse_id": warehouse.id,
            "company_id": company.id, "week_start": monday(), "lag": 1, "method": "ses",
            "level": 4.0, "trend": 0.5, "season": -1.0, "figure": 3.5, "system_qty": 3.5,
        })
        cls.planner = cls.rpc_user("fc_rpc_planner", [PLANNER])
        cls.viewer = cls.rpc_user("fc_rpc_viewer", [REPORT_USER])
        cls.company_b = cls.env["res.company"].create({"name": "Forecast Company B"})
        cls.planner_b = cls.rpc_user("fc_rpc_planner_b", [PLANNER], company=cls.company_b)

    def test_planner_overrides_with_a_reason(self):
        with self.assertRaises(RpcError) as refused:
            self.rpc(self.planner, "omni.stock.forecast.line", "action_override",
                     self.line.ids, 9, "  ")
        self.assertIn("reason", refused.exception.message)
        self.rpc(self.planner, "omni.stock.forecast.line", "action_override",
                 self.line.ids, 9, "Store reopening")
        self.assertRecordValues(self.line, [{"figure": 9.0, "override": 5.5,
                                             "override_user_id": self.planner.id}])
        parts = self.line.level + self.line.trend + self.line.season + self.line.override
        self.assertEqual(parts, self.line.figure)

    def test_viewer_cannot_override_or_write(self):
        for call in (
            lambda: self.rpc(self.viewer, "omni.stock.forecast.line", "action_override",
                             self.line.ids, 9, "Mine"),
            lambda: self.xmlrpc(self.viewer, "omni.stock.forecast.line", "action_override",
                                self.line.ids, 9, "Mine"),
            lambda: self.rpc(self.viewer, "omni.stock.forecast.line", "write",
                             self.line.ids, {"figure": 1}),
        ):
            with self.assertRaises(RpcError) as refused:
                call()
            error = refused.exception
            self.assertTrue("AccessError" in error.name or "Only demand planners" in error.message,
                            error)
        self.assertEqual(self.line.figure, 3.5)
        rows = self.rpc(self.viewer, "omni.stock.forecast.line", "read", self.line.ids,
                        ["figure", "level"])
        self.assertEqual(rows[0]["figure"], 3.5)

    def test_nobody_writes_parts_directly(self):
        with self.assertRaises(RpcError) as refused:
            self.rpc(self.planner, "omni.stock.forecast.line", "write", self.line.ids,
                     {"override": 3, "figure": 6.5})
        self.assertIn("AccessError", refused.exception.name)

    def test_only_planners_start_a_run(self):
        with self.assertRaises(RpcError):
            self.rpc(self.viewer, "omni.stock.forecast.run", "create", {})
        run_id = self.rpc(self.planner, "omni.stock.forecast.run", "create", {})
        self.rpc(self.planner, "omni.stock.forecast.run", "action_start", [run_id])
        run = self.env["omni.stock.forecast.run"].browse(run_id)
        self.assertEqual(run.user_id, self.planner)
        self.assertNotEqual(run.state, "draft")
        self.assertEqual(run.origin, monday(fields.Date.today()))

    def test_other_company_sees_nothing(self):
        found = self.rpc(self.planner_b, "omni.stock.forecast.line", "search", [])
        self.assertNotIn(self.line.id, found)
        with self.assertRaises(RpcError) as refused:
            self.rpc(self.planner_b, "omni.stock.forecast.line", "action_override",
                     self.line.ids, 1, "Not mine")
        self.assertIn("AccessError", refused.exception.name)
        self.assertEqual(self.line.figure, 3.5)
