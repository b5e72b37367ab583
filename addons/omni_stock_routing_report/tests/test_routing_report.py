from odoo import fields
from odoo.addons.omni_stock_routing.tests.common import RoutingCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestRoutingReport(RoutingCase):
    def _values(self, xmlid):
        Kpi = self.env["omni.stock.kpi"]
        kpi = self.env.ref(xmlid)
        today = fields.Date.context_today(Kpi)
        Kpi.refresh(today, today)
        return self.env["omni.stock.kpi.value"].search(
            [("kpi_id", "=", kpi.id), ("channel_id", "=", self.channel.id)])

    def test_split_and_rerouted_shares(self):
        self._put(self.central, self.tee, -100)
        self.order([(self.tee, 1), (self.cap, 2)])  # split: Lyon + Central
        single = self.order([(self.cap, 3)])  # Central alone
        single.picking_ids.action_cancel()  # Central cancels: nowhere else -> no node
        self.order([(self.tee, 1)])
        split = self._values("omni_stock_routing_report.kpi_routing_split_orders")
        self.assertRecordValues(split, [{"denominator": 3.0, "available": True}])
        self.assertAlmostEqual(split.value, 100 / 3, places=2)
        rerouted = self._values("omni_stock_routing_report.kpi_routing_rerouted_orders")
        self.assertAlmostEqual(rerouted.value, 100 / 3, places=2)

    def test_order_with_no_node_raises_an_alert(self):
        order = self.order([(self.tee, 500)])
        alerts = self.env["omni.stock.alert"].scan(kinds=["routing_unroutable"])
        alert = alerts.filtered(lambda a: a.res_id == order.id)
        self.assertEqual(len(alert), 1)
        self.assertIn(order.name, alert.name)
        self.assertIn("Routing Tee", alert.figure)
        self.order([(self.tee, 1)])
        again = self.env["omni.stock.alert"].scan(kinds=["routing_unroutable"])
        self.assertFalse(again, "one alert per order, and routed orders raise none")
