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
