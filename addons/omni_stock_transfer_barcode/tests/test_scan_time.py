from datetime import timedelta

from odoo import fields
from odoo.addons.omni_stock_transfer.tests.common import TransferCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestTransferScanTime(TransferCase):
    def test_received_at_the_last_scan(self):
        """Approved 2 days before the receipt's validation, its last scan 6 hours before
        it: 2 - 0.25 = 1.75 days of lead time, received at the scan."""
        self.product.barcode = "TRANSFER-TEE-1"
        request = self.request(lines=[(self.product, 1)])
        request.action_submit()
        self.env.flush_all()
        now = fields.Datetime.now()
        self.env.cr.execute(
            "UPDATE omni_stock_transfer_request SET approved_at = %s WHERE id = %s",
            [now - timedelta(days=2), request.id])
        self.env.invalidate_all()
        self.ship(request)
        receiving = request.picking_in_id
        answer = receiving.with_user(self.clerk).omni_scanner_scan(
            "transfer-scan-1", "TRANSFER-TEE-1")
        self.assertTrue(answer)
        scan = self.env["omni.stock.scan"].search([("uuid", "=", "transfer-scan-1")])
        self.env.flush_all()
        scanned_at = now - timedelta(hours=6)
        self.env.cr.execute("UPDATE omni_stock_scan SET create_date = %s WHERE id = %s",
                            [scanned_at, scan.id])
        self.env.invalidate_all()
        self.receive(request)
        self.assertEqual(request.state, "received")
        self.assertEqual(request.received_at, scanned_at)
        kpi = self.env.ref("omni_stock_report.kpi_transfer_lead_time")
        today = fields.Date.context_today(kpi)
        # the scan may fall on the day before the validation (a run just after midnight)
        self.env["omni.stock.kpi"].refresh(today - timedelta(days=1), today)
        values = self.env["omni.stock.kpi.value"].search(
            [("kpi_id", "=", kpi.id), ("warehouse_id", "=", self.store_b.id)])
        self.assertAlmostEqual(sum(values.mapped("numerator")), 1.75, delta=0.01)
        self.assertEqual(sum(values.mapped("denominator")), 1)
