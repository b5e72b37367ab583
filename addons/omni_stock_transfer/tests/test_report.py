from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import TransferCase


@tagged("post_install", "-at_install")
class TestTransferReport(TransferCase):
    def test_lead_time_from_approval_to_receipt(self):
        """Two requests approved 2 and 4 days before their receipt: 6 days over 2
        receipts at Store B."""
        kpi = self.env.ref("omni_stock_report.kpi_transfer_lead_time")
        for days in (2, 4):
            request = self.request(lines=[(self.product, 1)])
            request.action_submit()
            self.env.flush_all()
            self.env.cr.execute(
                "UPDATE omni_stock_transfer_request SET approved_at = %s WHERE id = %s",
                [fields.Datetime.now() - timedelta(days=days), request.id])
            self.env.invalidate_all()
            self.ship(request)
            self.receive(request)
        today = fields.Date.context_today(kpi)
        self.env["omni.stock.kpi"].refresh(today, today)
        values = self.env["omni.stock.kpi.value"].search(
            [("kpi_id", "=", kpi.id), ("warehouse_id", "=", self.store_b.id)])
        self.assertAlmostEqual(sum(values.mapped("numerator")), 6.0, delta=0.01)
        self.assertEqual(sum(values.mapped("denominator")), 2)

    def test_open_variance_raises_one_alert(self):
        request = self.request()
        request.action_submit()
        self.ship(request)
        self.receive(request, quantity=1)
        variance = request.variance_ids
        self.assertEqual(variance.quantity, 3)
        Alert = self.env["omni.stock.alert"]
        alerts = Alert.scan(kinds=["transit_variance"]).filtered(
            lambda a: a.record_ref == variance)
        self.assertEqual(len(alerts), 1)
        self.assertIn(request.name, alerts.name)
        self.assertEqual((alerts.warehouse_id, alerts.product_id),
                         (self.store_b, self.product))
        self.assertFalse(Alert.scan(kinds=["transit_variance"]).filtered(
            lambda a: a.record_ref == variance), "raised once")
        variance.with_user(self.clerk).action_explain(reason="damaged")
        self.assertFalse(Alert.scan(kinds=["transit_variance"]).filtered(
            lambda a: a.record_ref == variance))
