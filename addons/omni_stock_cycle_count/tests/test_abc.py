from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CycleCountCase


@tagged("post_install", "-at_install")
class TestAbcClassification(CycleCountCase):
    def test_classes_from_known_sales_history(self):
        """Consumption value 160 / 30 / 10 of 200 (80/15/5 %): A, B, C; never moved: C."""
        p1, p2, p3, _p4 = self.products
        for product, picks in ((p1, (4, 3, 3, 3, 3)), (p2, (3,)), (p3, (1,))):
            for qty in picks:
                self.deliver(product, qty)
        Abc = self.env["omni.stock.abc.class"]
        changes = Abc._omni_classify(self.warehouse, source="manual")
        self.assertEqual(changes, 3)
        classes = Abc._omni_class_of(self.products, self.warehouse)
        self.assertEqual([classes[p.id] for p in self.products], ["A", "B", "C", "C"])
        row = Abc.search([("product_id", "=", p1.id), ("warehouse_id", "=", self.warehouse.id)])
        self.assertRecordValues(row, [{"consumption_qty": 16, "consumption_value": 160,
                                       "velocity": 5, "velocity_class": "fast"}])
        history = self.env["omni.stock.abc.history"].search(
            [("warehouse_id", "=", self.warehouse.id)])
        self.assertEqual(len(history), 3)
        self.assertEqual(set(history.mapped("source")), {"manual"})
        self.assertEqual(history.user_id, self.env.user)
        # nothing changed: no new history
        self.assertEqual(Abc._omni_classify(self.warehouse), 0)
        # moving the cuts to 95/4/1: B becomes A (160 < 190), C becomes B (190 < 198)
        self.warehouse.write({"omni_abc_share_a": 95, "omni_abc_share_b": 4,
                              "omni_abc_share_c": 1})
        self.assertEqual(Abc._omni_classify(self.warehouse), 2)
        last = self.env["omni.stock.abc.history"].search(
            [("product_id", "=", p2.id)], limit=1)
        self.assertRecordValues(last, [{"old_class": "B", "new_class": "A", "source": "cron"}])

    def test_other_warehouse_sales_do_not_count(self):
        self.env["stock.quant"]._update_available_quantity(self.product, self.other_shelf, 5)
        self.deliver(self.product, 5, location=self.other_shelf)
        Abc = self.env["omni.stock.abc.class"]
        Abc._omni_classify(self.warehouse)
        self.assertEqual(Abc._omni_class_of(self.product, self.warehouse)[self.product.id], "C")
        Abc._omni_classify(self.other_warehouse)
        self.assertEqual(
            Abc._omni_class_of(self.product, self.other_warehouse)[self.product.id], "A")

    def test_shares_must_add_up(self):
        with self.assertRaisesRegex(Exception, "add up"):
            self.warehouse.write({"omni_abc_share_a": 90})

    def test_recompute_by_hand_managers_only(self):
        Abc = self.env["omni.stock.abc.class"]
        with self.assertRaises(AccessError):
            Abc.with_user(self.counter).action_omni_classify()
        with self.assertRaises(AccessError):
            self.env["omni.stock.abc.history"].with_user(self.manager).create({
                "product_id": self.product.id, "warehouse_id": self.warehouse.id,
                "company_id": self.company.id, "new_class": "A", "source": "manual",
                "date": "2026-01-01 00:00:00"})
        self.deliver(self.product, 2)
        Abc.with_user(self.manager).action_omni_classify()
        history = self.env["omni.stock.abc.history"].search(
            [("product_id", "=", self.product.id), ("warehouse_id", "=", self.warehouse.id)])
        self.assertRecordValues(history, [{"new_class": "A", "source": "manual",
                                           "user_id": self.manager.id}])
