from odoo.tests import HttpCase, tagged

from .common import ReturnCase


@tagged("post_install", "-at_install", "omni_tour")
class TestInspectTour(HttpCase, ReturnCase):
    def test_phone_inspection(self):
        self.inspector.write({"password": "rma_inspector"})
        rma = self._received(1)
        rma.sudo()._write({"name": "RMA-TOUR-1"})
        self.env.flush_all()
        self.start_tour("/odoo/action-omni_stock_return.omni_stock_return_inspect_action",
                        "omni_stock_return_inspect", login="rma_inspector")
        self.env.invalidate_all()
        self.assertEqual(rma.state, "disposed")
        self.assertEqual(rma.grade_id, self.grades["B"])
        self.assertEqual(rma.disposition, "resell")
        self.assertEqual(rma.inspector_id, self.inspector)
        self.assertEqual(self.qty(self.stock), 8)
