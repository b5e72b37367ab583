from odoo.addons.omni_stock.tests.rpc import RpcError, RpcMixin
from odoo.tests import HttpCase, tagged

from .common import CycleCountCase

TASK = "omni.stock.count.task"


@tagged("post_install", "-at_install")
class TestScannerContract(RpcMixin, HttpCase, CycleCountCase):
    """The scanner's calls as the counter's phone sends them (JSON-RPC): several tasks
    where one is expected, a bad quantity or barcode give a clear UserError and add
    no count."""

    def _refused(self, method, *args, model=TASK):
        with self.assertRaises(RpcError) as caught:
            self.rpc(self.counter, model, method, *args)
        self.assertRegex(caught.exception.name, r"\.(UserError|OmniError)$",
                         caught.exception.message)
        self.assertNotIn("singleton", caught.exception.message)

    def test_bad_calls_refused_clearly(self):
        task = self.task(self.product)
        other = self.task(self.products[1], location=self.shelf2)
        both = [task.id, other.id]
        barcode = self.product.barcode
        self._refused("omni_scanner_load", both)
        self._refused("omni_scan_location", both, task.location_id.barcode)
        self._refused("omni_add_count", both, barcode, 1)
        self._refused("omni_scanner_load", [999999])
        for quantity in (float("nan"), float("inf"), -1, "2", [1], True, 10**400):
            self._refused("omni_add_count", [task.id], barcode, quantity)
        for bad_barcode in ([barcode], {"b": barcode}, 5):
            self._refused("omni_add_count", [task.id], bad_barcode, 1)
        self.assertFalse(self.line(task).entry_ids)
        short = "omni.stock.pick.short"
        for quantity in ("nan", "inf", "1e400", float("nan"), [2], "two", "-1", 0):
            self._refused("omni_scanner_report_short", self.shelf.barcode, barcode, quantity,
                          model=short)
        self._refused("omni_scanner_report_short", [self.shelf.barcode], barcode, 1,
                      model=short)
        self.assertFalse(self.env[short].search([("product_id", "=", self.product.id)]))
        self.rpc(self.counter, TASK, "omni_add_count", [task.id], barcode, 3)
        self.assertEqual(self.line(task).counted_qty, 3)
