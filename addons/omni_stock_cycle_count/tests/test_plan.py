from collections import Counter
from datetime import date, timedelta

from odoo.tests import tagged

from .common import CycleCountCase


@tagged("post_install", "-at_install")
class TestCountPlan(CycleCountCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 12 A products over two shelves, 4 C products (the common ones)
        cls.a_products = cls.env["product.product"].create([
            {"name": f"Plan A {i}", "type": "consu", "is_storable": True,
             "standard_price": 5.0, "categ_id": cls.categ.id}
            for i in range(12)
        ])
        Quant = cls.env["stock.quant"]
        for index, product in enumerate(cls.a_products):
            Quant._update_available_quantity(product, cls.shelf if index % 2 else cls.shelf2, 3)
            cls.env["omni.stock.abc.class"].create({
                "product_id": product.id, "warehouse_id": cls.warehouse.id,
                "company_id": cls.company.id, "abc_class": "A",
            })
        cls.warehouse.omni_count_capacity = 2
        cls.start = date(2026, 12, 7)  # a Monday

    def plan(self, **kwargs):
        return self.Task._omni_generate_plan(self.warehouse, start=self.start, **kwargs)

    def test_plan_covers_a_within_30_days_and_respects_capacity(self):
        tasks = self.plan(horizon_days=30)
        lines = tasks.line_ids
        planned_a = lines.filtered(lambda line: line.abc_class == "A").product_id
        self.assertEqual(planned_a, self.a_products, "every A item is planned")
        self.assertTrue(all(self.start <= t.due_date < self.start + timedelta(days=30)
                            for t in tasks))
        per_day = Counter()
        for task in tasks:
            per_day[task.due_date] += len(task.line_ids)
            self.assertLess(task.due_date.weekday(), 5, "working days only")
            self.assertEqual(task.trigger, "plan")
            self.assertEqual(len(task.location_id), 1)
        self.assertLessEqual(max(per_day.values()), 2)
        # spread: 12 A items over 30 days, not all on the first days
        self.assertGreater(len(per_day), 6)
        # nothing planned twice while open
        self.assertFalse(self.plan(horizon_days=30))

    def test_counted_items_due_after_their_frequency(self):
        """Counted today, a C item is due in 180 days (the next working day)."""
        task = self.task(self.products[:1])
        self.count(task, self.counter, {self.product: 20})
        today = date.today()
        tasks = self.Task._omni_generate_plan(self.warehouse, start=today, horizon_days=200)
        line = tasks.line_ids.filtered(lambda line: line.product_id == self.product)
        due = line.task_id.due_date
        self.assertGreaterEqual(due, today + timedelta(days=180))
        self.assertLess(due, today + timedelta(days=183))

    def test_shrink_prone_category_has_own_frequency(self):
        shrink = self.env["product.category"].create(
            {"name": "Small leather", "omni_shrink_prone": True,
             "omni_shrink_frequency_days": 7})
        self.products[1].categ_id = shrink
        tasks = self.plan(horizon_days=7)
        shrink_lines = tasks.filtered(lambda t: t.trigger == "shrink").line_ids
        self.assertEqual(shrink_lines.product_id, self.products[1])
