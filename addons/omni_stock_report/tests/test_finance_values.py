from odoo.addons.omni_stock.tests.rpc import RpcError, RpcMixin
from odoo.tests import HttpCase, tagged

from .common import ReportCase

EXPORT = "base.group_allow_export"


@tagged("post_install", "-at_install")
class TestFinanceValuesOverRpc(RpcMixin, HttpCase, ReportCase):
    """A *KPIs and Alerts* user (operations, store managers) sees write-offs, KPIs and
    alerts in quantities and ratios: no value of the suite reaches them, over any route."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.ops, cls.finance):  # their login as password (RpcMixin)
            user.write({"groups_id": [(4, cls.env.ref(EXPORT).id)], "password": user.login})
        cls.env.ref("omni_stock_report.alert_rule_count_variance").min_value = 20
        cls.put(cls, cls.store_stock, 50)
        cls.count(cls, cls.store_stock, 47, cls.reason_damage)  # 3 x 10 written off
        cls.move_done(cls, cls.store_stock, cls.customers, 6)  # 6 x 10 delivered
        cls.refresh(cls)
        cls.env["omni.stock.alert"].scan(kinds=["count_variance"], companies=cls.company)
        cls.env.flush_all()
        cls.log = cls.env["omni.stock.adjustment.log"].search(
            [("product_id", "=", cls.tee.id), ("event", "=", "applied")])
        cls.shrinkage = cls.env["omni.stock.kpi"].search([("code", "=", "shrinkage_rate")])
        cls.alert = cls.env["omni.stock.alert"].search([
            ("kind", "=", "count_variance"), ("location_id", "=", cls.store_stock.id)])

    def _refused(self, call, user, model, method, *args, **kwargs):
        with self.assertRaises(RpcError) as caught:
            call(user, model, method, *args, **kwargs)
        # Odoo's field access error names the field (XML-RPC sends no exception class)
        self.assertIn("value", caught.exception.message)

    def test_ops_read_no_value(self):
        self.assertEqual(self.log.value, 30)
        mine = [("product_id", "=", self.tee.id)]
        kpi_rows = [("kpi_id", "=", self.shrinkage.id), ("warehouse_id", "=", self.store.id)]
        for call in (self.rpc, self.xmlrpc):
            with self.subTest(call=call.__name__):
                log = "omni.stock.adjustment.log"
                self._refused(call, self.ops, log, "read", self.log.ids, ["value"])
                self._refused(call, self.ops, log, "read_group", mine, ["value:sum"], [])
                self._refused(call, self.ops, log, "export_data", self.log.ids, ["value"])
                report = "omni.stock.writeoff.report"
                self._refused(call, self.ops, report, "search_read", mine, ["loss_value"])
                self._refused(call, self.ops, report, "search", mine, order="value")
                # the shrinkage rate is theirs, not the amounts behind it
                rows = call(self.ops, "omni.stock.kpi.value", "search_read", kpi_rows,
                            ["value", "numerator", "denominator"])
                self.assertEqual([(r["value"], r["numerator"], r["denominator"])
                                  for r in rows], [(50.0, 0.0, 0.0)])
                groups = call(self.ops, "omni.stock.kpi.value", "read_group", kpi_rows,
                              ["value:avg"], [])
                self.assertAlmostEqual(groups[0]["value"], 50.0)
                self._refused(call, self.ops, "omni.stock.kpi.value", "read_group", kpi_rows,
                              ["value_numerator:sum"], [])
                # the alert says which location and why, without the amounts
                alert = call(self.ops, "omni.stock.alert", "read", self.alert.ids,
                             ["figure", "name"])[0]
                self.assertNotIn("30.00", alert["figure"])
                self.assertNotIn("20.00", alert["figure"])
                self._refused(call, self.ops, "omni.stock.alert", "read", self.alert.ids,
                              ["value_figure"])
        self.assertNotIn("30.00", " ".join(self.alert.activity_ids.mapped("note")))

    def test_finance_reads_the_amounts(self):
        kpi_rows = [("kpi_id", "=", self.shrinkage.id), ("warehouse_id", "=", self.store.id)]
        rows = self.rpc(self.finance, "omni.stock.kpi.value", "search_read", kpi_rows,
                        ["value", "value_numerator", "value_denominator"])
        self.assertEqual([(r["value"], r["value_numerator"], r["value_denominator"])
                          for r in rows], [(50.0, 3000.0, 60.0)])  # scaled like every percent KPI
        alert = self.rpc(self.finance, "omni.stock.alert", "read", self.alert.ids,
                         ["value_figure"])[0]
        self.assertIn("30.00", alert["value_figure"])

    def test_kpi_board_export_leaves_the_amounts_out(self):
        def shrinkage_row(user):
            board = self.env["omni.stock.kpi.board"].with_user(user).create(
                {"warehouse_ids": [(6, 0, self.store.ids)]})
            summary = board._omni_xlsx_sheets()[0]
            row = next(r for r in summary["rows"] if r[0] == self.shrinkage.name)
            return dict(zip(summary["headers"], row, strict=True))

        ops = shrinkage_row(self.ops)
        self.assertAlmostEqual(ops["Value"], 50.0)
        self.assertEqual((ops["Numerator"], ops["Denominator"]), ("", ""))
        finance = shrinkage_row(self.finance)
        self.assertEqual((finance["Numerator"], finance["Denominator"]), (3000.0, 60.0))


@tagged("post_install", "-at_install")
class TestAlertAckContextKeys(RpcMixin, HttpCase, ReportCase):
    """``active_model``/``active_ids`` of the acknowledge wizard only preselect alerts:
    acknowledging checks the user's access to each one (another company's: refused)."""

    def test_foreign_alert_ids_refused(self):
        self.put(self.store_stock, -1)
        self.env["omni.stock.alert"].scan(kinds=["negative_stock"], companies=self.company)
        alert = self.env["omni.stock.alert"].search(
            [("kind", "=", "negative_stock"), ("product_id", "=", self.tee.id)])
        outsider = self.rpc_user("ack_outsider", ["omni_stock_report.group_omni_report_user"],
                                 company=self.company_b)
        context = {"active_model": "omni.stock.alert", "active_ids": alert.ids}
        with self.assertRaises(RpcError):
            wizard = self.rpc(outsider, "omni.stock.alert.ack", "create", {"note": "seen"},
                              context=context)
            self.rpc(outsider, "omni.stock.alert.ack", "action_confirm", [wizard],
                     context=context)
        self.assertEqual(alert.state, "open")
