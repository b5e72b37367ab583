from odoo import fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoCount(TransactionCase):
    """The demo retailer counts: classes, a plan due today, a shrink-prone category, a
    store its counts made untrusted, a pick short waiting for its count."""

    def test_classes_and_plan_due_today(self):
        central = self.env.ref("omni_stock_demo.wh_central")
        classes = self.env["omni.stock.abc.class"].search([("warehouse_id", "=", central.id)])
        self.assertIn("A", classes.mapped("abc_class"))
        self.assertTrue(self.env["omni.stock.abc.history"].search(
            [("warehouse_id", "=", central.id)]))
        Task = self.env["omni.stock.count.task"]
        due_today = Task.search([("warehouse_id", "=", central.id), ("trigger", "=", "plan"),
                                 ("due_date", "=", fields.Date.context_today(Task))])
        self.assertTrue(due_today)
        self.assertLessEqual(len(due_today.line_ids), central.omni_count_capacity)
        shoes = self.env.ref("omni_stock_demo.categ_shoes")
        self.assertTrue(shoes.omni_shrink_prone)
        shrink = Task.search([("warehouse_id", "=", central.id), ("trigger", "=", "shrink")])
        self.assertTrue(shrink)
        self.assertEqual(shrink.line_ids.product_id.categ_id, shoes)

    def test_store_dropped_below_its_channel_by_its_counts(self):
        store = self.env.ref("omni_stock_demo.wh_bod")
        channel = self.env.ref("omni_stock_demo.channel_bod")
        location = store.lot_stock_id
        self.assertEqual(location.omni_accuracy_lines, 4)
        self.assertEqual(location.omni_accuracy, 50.0)
        self.assertLess(location.omni_accuracy, channel.min_location_accuracy)
        task = self.env.ref("omni_stock_demo.count_task_store_audit")
        self.assertEqual(task.state, "done")
        self.assertEqual(len(task.line_ids.entry_ids.user_id), 2)
        tee = self.env.ref("omni_stock_demo.product_tee_blk_s")
        explanation = channel.explain(tee)
        untrusted = [line for line in explanation.lines if line.kind == "untrusted"]
        self.assertTrue(untrusted)
        self.assertIn("measured 50%", untrusted[0].description)

    def test_pick_short_in_progress(self):
        short = self.env.ref("omni_stock_demo.pick_short_demo")
        self.assertEqual(short.state, "open")
        self.assertEqual(short.task_id.trigger, "pick_short")
        self.assertEqual(short.task_id.state, "open")
        web = self.env.ref("omni_stock_demo.channel_web")
        explanation = web.explain(short.product_id)
        self.assertAlmostEqual(explanation.total, explanation.ats)
        self.assertTrue([line for line in explanation.lines
                         if "pick short" in line.description and line.quantity < 0])

    def test_demo_counters_count_blind(self):
        """Léa and Hugo are counters without Inventory rights: they read no stock, and
        the store audit's recounted lines name both rounds' counters."""
        lea = self.env.ref("omni_stock_demo.user_counter_lea")
        hugo = self.env.ref("omni_stock_demo.user_counter_hugo")
        for counter in lea | hugo:
            self.assertTrue(counter.has_group("omni_stock_cycle_count.group_count_counter"))
            self.assertFalse(counter.has_group("stock.group_stock_user"))
            self.assertFalse(self.env["stock.quant"].with_user(counter).search([]))
        task = self.env.ref("omni_stock_demo.count_task_store_audit")
        recounted = task.line_ids.filtered(lambda line: line.round == 2)
        self.assertEqual(len(recounted), 2)
        for line in recounted:
            self.assertEqual(line.counter_ids, lea | hugo)
