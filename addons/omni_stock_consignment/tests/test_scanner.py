from odoo import Command
from odoo.tests import tagged

from .common import ConsignmentCase


@tagged("post_install", "-at_install")
class TestConsignedReceiptScanned(ConsignmentCase):
    """A consigned receipt scanned on the receiving scanner (omni_stock_barcode) keeps
    its owner: the units are the vendor's, with no value."""

    def test_scanned_consigned_receipt_is_the_vendor_stock(self):
        if "omni.stock.scan" not in self.env:
            self.skipTest("omni_stock_barcode is not installed")
        self.env.company.write({"omni_adj_threshold_qty": 0, "omni_adj_threshold_value": 0,
                                "omni_stock_lock_date": False})
        self.product.write({"barcode": "9506000134376", "standard_price": 9.0})
        order = self.env["purchase.order"].create({
            "partner_id": self.vendor.id, "picking_type_id": self.warehouse.in_type_id.id,
            "order_line": [Command.create({"product_id": self.product.id,
                                           "product_qty": 2, "price_unit": 20.0})],
        })
        order.button_confirm()
        receipt = order.picking_ids.with_user(self.stock_user)
        self.assertEqual(receipt.owner_id, self.vendor)
        for uuid in ("consign-scan-1", "consign-scan-2"):
            receipt.omni_scanner_scan(uuid, "9506000134376")
        receipt.omni_scanner_validate()
        self.assertEqual(receipt.state, "done")
        self.assertEqual(receipt.move_line_ids.owner_id, self.vendor)
        self.assertEqual(self._owned(self.vendor), 2)
        self.assertEqual(self._owned(None), 0)
        self.assertFalse(self.env["stock.valuation.layer"].search(
            [("product_id", "=", self.product.id)]))
