from odoo import fields
from odoo.addons.omni_stock_barcode.tests.common import BarcodeCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestBarcodeReport(BarcodeCase):
    def kpi_sums(self, xmlid):
        kpi = self.env.ref(xmlid)
        self.assertTrue(kpi.available)
        today = fields.Date.context_today(kpi)
        self.env["omni.stock.kpi"].refresh(today, today)
        values = self.env["omni.stock.kpi.value"].search(
            [("kpi_id", "=", kpi.id), ("warehouse_id", "=", self.warehouse.id)])
        return sum(values.mapped("numerator")), sum(values.mapped("denominator"))

    def test_receipt_accuracy_and_scanned_units(self):
        # tee: 4 expected, 4 scanned (accurate); cap: 3 expected, 5 received by hand
        picking = self.receipt([(self.tee, 4), (self.cap, 3)])
        self.scan(picking, "SC-TEE", quantity=4)
        cap_line = self.move(picking, self.cap).move_line_ids
        cap_line.write({"quantity": 5, "picked": True})
        picking.with_user(self.receiver).button_validate()
        self.assertEqual(picking.state, "done")
        # 1 line of 2 as expected: 50 %
        self.assertEqual(self.kpi_sums("omni_stock_barcode_report.kpi_receipt_accuracy"),
                         (100.0, 2.0))
        # 4 of 9 units scanned: numerator 4 x 100
        self.assertEqual(
            self.kpi_sums("omni_stock_barcode_report.kpi_receipt_scanned_units"),
            (400.0, 9.0))
