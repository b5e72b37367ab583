from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "omni_tour")
class TestCountScannerTour(HttpCase):
    """A counter (Omnichannel user) counts a shelf on the scanner screen."""

    def test_scanner_counts_and_submits(self):
        env = self.env(context=dict(self.env.context, tracking_disable=True))
        env.company.write({"omni_adj_threshold_qty": 0, "omni_adj_threshold_value": 0})
        warehouse = env["stock.warehouse"].create({"name": "Tour Count WH", "code": "TCW"})
        shelf = env["stock.location"].create({
            "name": "Tour Shelf", "location_id": warehouse.lot_stock_id.id,
            "usage": "internal", "barcode": "CC-TOUR-1"})
        tees = env["product.product"].create([
            {"name": f"Tour Tee {i}", "barcode": f"CCTOUR{i}", "type": "consu",
             "is_storable": True, "standard_price": 10.0}
            for i in (1, 2)
        ])
        for tee in tees:
            env["stock.quant"]._update_available_quantity(tee, shelf, 3)
        counter = new_test_user(
            env, "cc_tour_counter", groups="omni_stock.group_omni_user",
            company_id=env.company.id, company_ids=[Command.set(env.company.ids)])
        task = env["omni.stock.count.task"].create(
            {"location_id": shelf.id, "warehouse_id": warehouse.id, "user_id": counter.id})
        task._omni_add_lines(tees)
        # the first backend page after an install compiles the web client's assets:
        # done here, before the browser's clock starts
        QWeb = env["ir.qweb"]
        for bundle in ("web.assets_web", "web.assets_tests"):
            assets = QWeb._get_asset_bundle(bundle)
            assets.js()
            assets.css()
        self.start_tour("/odoo/action-omni_stock_cycle_count.action_omni_count_scanner",
                        "omni_stock_count_scanner", login="cc_tour_counter", timeout=300)
        task.invalidate_recordset()
        self.assertEqual(task.state, "done")
        lines = task.sudo().line_ids
        self.assertEqual(lines.mapped("counted_qty"), [2.0, 3.0])
        self.assertEqual(lines.entry_ids.user_id, counter)
        quant = env["stock.quant"]._omni_onhand
        self.assertEqual(quant(tees[0], shelf), 2)
        self.assertEqual(quant(tees[1], shelf), 3)


@tagged("post_install", "-at_install", "omni_tour")
class TestCounterJourneyTour(HttpCase):
    """A counter without Inventory rights counts on a phone, blind."""

    browser_size = "375x667"
    touch_enabled = True

    def test_counter_journey_on_a_phone(self):
        env = self.env(context=dict(self.env.context, tracking_disable=True))
        env.company.write({"omni_adj_threshold_qty": 0, "omni_adj_threshold_value": 0})
        warehouse = env["stock.warehouse"].create({"name": "Journey WH", "code": "JNY"})
        shelf = env["stock.location"].create({
            "name": "Journey Shelf", "location_id": warehouse.lot_stock_id.id,
            "usage": "internal", "barcode": "CC-JOURNEY-1"})
        tees = env["product.product"].create([
            {"name": f"Journey Tee {i}", "barcode": f"CCJOURNEY{i}", "type": "consu",
             "is_storable": True, "standard_price": 1.0}
            for i in (1, 2)
        ])
        env["stock.quant"]._update_available_quantity(tees[0], shelf, 4173)
        env["stock.quant"]._update_available_quantity(tees[1], shelf, 2)
        counter = new_test_user(
            env, "cc_journey_counter", groups="omni_stock_cycle_count.group_count_counter",
            company_id=env.company.id, company_ids=[Command.set(env.company.ids)], email=False)
        self.assertFalse(counter.has_group("stock.group_stock_user"))
        menus = env["ir.ui.menu"].with_user(counter)._visible_menu_ids()
        self.assertIn(env.ref("omni_stock_cycle_count.menu_omni_count_app").id, menus)
        task = env["omni.stock.count.task"].create(
            {"location_id": shelf.id, "warehouse_id": warehouse.id})
        task._omni_add_lines(tees)
        QWeb = env["ir.qweb"]
        for bundle in ("web.assets_web", "web.assets_tests"):
            assets = QWeb._get_asset_bundle(bundle)
            assets.js()
            assets.css()
        self.start_tour("/odoo/action-omni_stock_cycle_count.action_omni_count_scanner",
                        "omni_stock_count_counter_journey", login="cc_journey_counter",
                        timeout=300)
        task.invalidate_recordset()
        self.assertEqual(task.state, "recount", "4170 of 4173: beyond tolerance")
        lines = task.sudo().line_ids
        self.assertEqual(lines.entry_ids.user_id, counter)
        self.assertEqual([sum(line.entry_ids.mapped("quantity")) for line in lines],
                         [4170.0, 2.0])
        self.assertEqual(lines.mapped("state"), ["recount", "applied"])
        self.assertEqual(env["stock.quant"]._omni_onhand(tees[0], shelf), 4173)
