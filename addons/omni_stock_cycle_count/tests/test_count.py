from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CycleCountCase


@tagged("post_install", "-at_install")
class TestCount(CycleCountCase):
    def test_count_within_tolerance_applied_with_cycle_count_reason(self):
        task = self.task(self.products[:2])
        self.count(task, self.counter, {self.products[0]: 19, self.products[1]: 20})
        self.assertEqual(task.state, "done")
        self.assertEqual(self.qty(), 19)
        log = self.env["omni.stock.adjustment.log"].search(
            [("product_id", "=", self.product.id)])
        self.assertRecordValues(log, [{
            "event": "applied", "source": "count", "quantity_delta": -1,
            "reason_id": self.env.ref("omni_stock_cycle_count.reason_cycle_count").id,
            "requester_id": self.counter.id,
        }])
        self.assertEqual(log.counter_ids, self.counter)
        self.assertEqual(set(task.line_ids.mapped("state")), {"applied"})

    def test_lines_not_scanned_count_as_zero_found(self):
        self.warehouse.omni_count_tol_qty_c = 50
        self.warehouse.omni_count_tol_value_c = 1000
        task = self.task(self.products[:2])
        self.count(task, self.counter, {self.products[0]: 20})
        self.assertEqual(self.qty(self.products[1]), 0)

    def test_two_counters_add_up(self):
        task = self.task(self.product)
        self.scan(task, self.counter, {self.product: 12})
        self.scan(task, self.counter2, {self.product: 7})
        task.with_user(self.counter).omni_add_count(self.product.barcode)  # +1 per scan
        line = self.line(task)
        self.assertEqual(line.counted_qty, 20)
        self.assertEqual(len(line.entry_ids), 3)
        self.assertEqual(line.counter_ids, self.counter | self.counter2)
        task.with_user(self.counter2).action_submit()
        self.assertEqual(self.qty(), 20)
        self.assertEqual(line.state, "applied")

    def test_move_between_count_and_apply_is_reconciled(self):
        task = self.task(self.product)
        self.scan(task, self.counter, {self.product: 18})  # expected 20 at count time
        self.deliver(self.product, 3)  # then 3 leave the shelf
        task.with_user(self.counter).action_submit()
        line = self.line(task)
        self.assertRecordValues(line, [{"expected_qty": 20, "counted_qty": 18,
                                        "variance_qty": -2, "applied_qty": 15}])
        self.assertEqual(self.qty(), 15, "18 counted, minus the 3 delivered since")

    def test_recount_by_same_user_refused(self):
        task = self.task(self.product)
        self.count(task, self.counter, {self.product: 10})
        self.assertEqual(task.state, "recount")
        self.assertEqual(self.line(task).state, "recount")
        self.assertEqual(self.qty(), 20, "nothing applied before the recount")
        with self.assertRaisesRegex(UserError, "someone other"):
            task.with_user(self.counter).omni_add_count(self.product.barcode, 10)
        with self.assertRaisesRegex(UserError, "someone other"):
            task.with_user(self.counter).action_submit()
        self.assertEqual(self.line(task).counted_qty, 0, "the recount starts blind")
        self.count(task, self.counter2, {self.product: 11})
        self.assertEqual(task.state, "done")
        self.assertEqual(self.qty(), 11)

    def test_above_threshold_waits_for_approval(self):
        self.company.omni_adj_threshold_qty = 10
        task = self.task(self.product)
        self.count(task, self.counter, {self.product: 40})
        self.count(task, self.counter2, {self.product: 40})
        line = self.line(task)
        self.assertEqual(line.state, "requested")
        self.assertEqual(self.qty(), 20, "waits for an approver")
        request = line.request_id
        self.assertRecordValues(request, [{"state": "to_approve", "quantity_requested": 40,
                                           "requester_id": self.counter2.id}])
        # both rounds counted the figure: neither counter may decide it
        self.assertEqual(request.counter_ids, self.counter | self.counter2)
        request.with_user(self.approver).action_approve()
        self.assertEqual(self.qty(), 40)

    def test_blind_counter_never_reads_expected(self):
        task = self.task(self.product)
        self.scan(task, self.counter, {self.product: 5})
        line = self.line(task).with_user(self.counter)
        with self.assertRaises(AccessError):
            line.read(["expected_qty"])
        rows = line.search_read([("id", "=", line.id)])
        self.assertTrue(rows)
        for name in ("expected_qty", "variance_qty", "applied_qty", "expected_value"):
            self.assertNotIn(name, rows[0])
        data = task.with_user(self.counter).omni_scanner_load()
        self.assertNotIn("expected", str(data))
        self.assertEqual(data["lines"][0]["my_qty"], 5)
        # the manager sees it
        self.assertEqual(self.line(task).with_user(self.manager).expected_qty, 20)

    def test_counter_cannot_write_tasks_or_entries(self):
        task = self.task(self.product)
        with self.assertRaises(AccessError):
            task.with_user(self.counter).write({"state": "done"})
        with self.assertRaises(AccessError):
            self.env["omni.stock.count.entry"].with_user(self.counter).create(
                {"line_id": self.line(task).id, "user_id": self.counter.id, "quantity": 3})

    def test_bad_input_changes_nothing(self):
        task = self.task(self.product).with_user(self.counter)
        with self.assertRaisesRegex(UserError, "must be a number from 0"):
            task.omni_add_count(self.product.barcode, -3)
        with self.assertRaisesRegex(UserError, "Unknown product barcode"):
            task.omni_add_count("NO-SUCH-CODE", 1)
        with self.assertRaisesRegex(UserError, "Unknown location barcode"):
            task.omni_scan_location("NO-SUCH-LOC")
        with self.assertRaisesRegex(UserError, "another warehouse"):
            task.omni_scan_location(self.other_shelf.barcode)
        with self.assertRaisesRegex(UserError, "not Count WH/Stock/Shelf C2|counts"):
            task.omni_scan_location(self.shelf2.barcode)
        with self.assertRaisesRegex(UserError, "must be a number"):
            task.omni_add_count(self.product.barcode, "ten")
        self.assertFalse(self.line(task).entry_ids)
        with self.assertRaisesRegex(ValidationError, "not an internal location of warehouse"):
            self.Task.with_user(self.manager).create({
                "location_id": self.other_shelf.id, "warehouse_id": self.warehouse.id})
        empty = self.Task.with_user(self.manager).create({"location_id": self.shelf2.id})
        with self.assertRaisesRegex(ValidationError, "not an internal location of warehouse"):
            empty.write({"location_id": self.other_shelf.id})
        with self.assertRaisesRegex(UserError, "task with lines cannot change"):
            task.with_user(self.manager).write({"location_id": self.shelf2.id})
        self.assertEqual(self.qty(), 20)

    def test_found_product_not_in_task_gets_a_line(self):
        task = self.task(self.products[:1])
        self.env["stock.quant"].search(
            [("product_id", "=", self.products[3].id), ("location_id", "=", self.shelf.id)]
        ).sudo().unlink()
        self.scan(task, self.counter, {self.product: 20, self.products[3]: 2})
        task.with_user(self.counter).action_submit()
        self.assertEqual(self.qty(self.products[3]), 2)

    def test_lots_counted_per_lot(self):
        tracked = self.env["product.product"].create({
            "name": "Count Serum", "barcode": "CCSERUM", "type": "consu", "is_storable": True,
            "tracking": "lot", "standard_price": 10.0})
        lot = self.env["stock.lot"].create({"name": "L-001", "product_id": tracked.id})
        self.env["stock.quant"]._update_available_quantity(tracked, self.shelf, 4, lot_id=lot)
        task = self.task(tracked)
        counter_task = task.with_user(self.counter)
        counter_task.omni_scan_location(self.shelf.barcode)
        with self.assertRaisesRegex(UserError, "scan or type its lot"):
            counter_task.omni_add_count(tracked.barcode, 1)
        counter_task.omni_add_count(tracked.barcode, 4, lot_name="L-001")
        counter_task.omni_add_count(tracked.barcode, 1, lot_name="L-002")  # found, new lot
        lines = task.sudo().line_ids.filtered(lambda line: line.product_id == tracked)
        self.assertEqual(sorted(lines.mapped("lot_id.name")), ["L-001", "L-002"])
        counter_task.action_submit()
        Quant = self.env["stock.quant"]
        self.assertEqual(Quant._omni_onhand(tracked, self.shelf, lot=lot), 4)
        lot2 = lines.lot_id.filtered(lambda found: found.name == "L-002")
        self.assertEqual(Quant._omni_onhand(tracked, self.shelf, lot=lot2), 1)


@tagged("post_install", "-at_install")
class TestOneLocationOneCount(CycleCountCase):
    """My Counts lists a location once: its open tasks are counted together, a product
    two tasks ask for is scanned and applied once."""

    def test_tasks_of_one_location_are_counted_together(self):
        plan = self.task(self.products[:2], trigger="plan")
        short = self.task(self.products[1:3], trigger="pick_short")
        elsewhere = self.task(self.products[3], location=self.shelf2)
        self.counter.omni_count_warehouse_ids = self.warehouse
        Task = self.Task.with_user(self.counter)
        rows = {tuple(row["ids"]): row for row in Task.omni_my_tasks()}
        self.assertEqual(set(rows), {tuple((plan | short).ids), (elsewhere.id,)})
        row = rows[tuple((plan | short).ids)]
        self.assertEqual((row["line_count"], row["name"]), (3, f"{plan.name}, {short.name}"))
        self.assertIn("Pick reported short", row["trigger"])

        both = (plan | short).with_user(self.counter)
        loaded = both.omni_scan_location(self.shelf.barcode)
        self.assertEqual([line["product"] for line in loaded["lines"]],
                         self.products[:3].mapped("display_name"), "each product once")
        for product, quantity in zip(self.products[:3], (20, 18, 20), strict=True):
            both.omni_add_count(product.barcode, quantity)
        summary = both.action_submit()
        self.assertEqual(summary, {"applied": 3, "requested": 0, "recount": 0})
        self.assertEqual((plan.state, short.state, elsewhere.state), ("done", "done", "open"))
        self.assertEqual(self.qty(self.products[1]), 18)
        logs = self.env["omni.stock.adjustment.log"].search(
            [("product_id", "=", self.products[1].id), ("event", "=", "applied")])
        self.assertEqual(logs.mapped("quantity_delta"), [-2], "applied once, not twice")
        self.assertEqual(self.line(short, self.products[1]).state, "cancel")
        self.assertEqual(self.line(plan, self.products[1]).state, "applied")

    def test_locations_are_never_mixed(self):
        here, there = self.task(self.product), self.task(self.products[1], location=self.shelf2)
        with self.assertRaisesRegex(UserError, "different locations"):
            (here | there).with_user(self.counter).omni_add_count(self.product.barcode, 1)
        self.assertFalse(self.line(here).entry_ids)

    def test_a_recount_of_theirs_is_not_merged_in(self):
        """The first counter of a line sees the location's new task, not the recount
        they may not do."""
        first = self.task(self.product)
        self.count(first, self.counter, {self.product: 5})  # far off: blind recount
        self.assertEqual(first.state, "recount")
        new = self.task(self.products[1], trigger="plan")
        (self.counter | self.counter2).omni_count_warehouse_ids = self.warehouse
        rows = self.Task.with_user(self.counter).omni_my_tasks()
        self.assertEqual([row["ids"] for row in rows], [new.ids])
        rows = self.Task.with_user(self.counter2).omni_my_tasks()
        self.assertEqual([sorted(row["ids"]) for row in rows], [sorted((first | new).ids)])
        with self.assertRaises(UserError):
            (first | new).with_user(self.counter).omni_scanner_load()
