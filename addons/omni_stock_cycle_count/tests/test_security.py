from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CycleCountCase


@tagged("post_install", "-at_install")
class TestCompanyIsolation(CycleCountCase):
    def test_counter_of_company_b_sees_no_task_of_company_a(self):
        task = self.task(self.product)
        Task = self.Task.with_user(self.user_b)
        self.assertFalse(Task.search([]))
        self.assertFalse(Task.omni_my_tasks())
        self.assertFalse(self.env["omni.stock.count.line"].with_user(self.user_b).search([]))
        with self.assertRaises(AccessError):
            task.with_user(self.user_b).omni_scanner_load()
        with self.assertRaises(AccessError):
            task.with_user(self.user_b).omni_add_count(self.product.barcode, 1)
        self.assertFalse(self.line(task).entry_ids)

    def test_my_tasks_lists_assigned_and_free(self):
        mine = self.task(self.product)
        theirs = self.task(self.products[1], location=self.shelf2)
        theirs.with_user(self.manager).user_id = self.counter2
        ids = [row["id"] for row in self.Task.with_user(self.counter).omni_my_tasks()]
        self.assertIn(mine.id, ids)
        self.assertNotIn(theirs.id, ids)

    def test_my_tasks_lists_only_the_counters_sites(self):
        """A store's counter sees the tasks of their store, not 80 tasks of every site."""
        here = self.task(self.product)
        other = self.env["stock.warehouse"].create({"name": "CC Other", "code": "CCO"})
        there = self.task(self.products[1], location=other.lot_stock_id)
        Task = self.Task.with_user(self.counter)
        ids = [row["id"] for row in Task.omni_my_tasks()]
        self.assertIn(here.id, ids)
        self.assertIn(there.id, ids, "no site set: every site of the company")
        self.counter.omni_count_warehouse_ids = self.warehouse
        ids = [row["id"] for row in Task.omni_my_tasks()]
        self.assertEqual((here.id in ids, there.id in ids), (True, False))

    def test_a_counter_corrects_only_their_own_count(self):
        """An over-scan is corrected on the line: the counter's entries become the
        figure typed; another counter's entries and other tasks' lines are untouched."""
        task = self.task(self.product)
        line = self.line(task)
        mine = task.with_user(self.counter)
        mine.omni_scan_location(task.location_id.barcode)
        for _ in range(3):
            mine.omni_add_count(self.product.barcode, 1)
        self.assertEqual(mine.omni_scanner_load()["lines"][0]["my_qty"], 3)
        shown = mine.omni_set_count(line.id, 2)
        self.assertEqual((shown["my_qty"], shown["counted"]), (2, True))
        self.assertEqual(sum(line.entry_ids.mapped("quantity")), 2)
        with self.assertRaises(UserError):
            mine.omni_set_count(line.id, -1)
        other = self.task(self.products[1], location=self.shelf2)
        with self.assertRaises(UserError):
            mine.omni_set_count(self.line(other).id, 5)
        self.assertEqual(sum(line.entry_ids.mapped("quantity")), 2, "nothing changed")
        with self.assertRaises(AccessError):
            task.with_user(self.user_b).omni_set_count(line.id, 0)
