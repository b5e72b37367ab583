from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

SCANNER = "/odoo/action-omni_stock_barcode.action_omni_barcode_scanner"


@tagged("post_install", "-at_install", "omni_tour")
class TestBarcodeTours(HttpCase):
    """A plain receiver (Inventory User) scans on a phone."""

    browser_size = "375x667"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        env.company.write({"omni_adj_threshold_qty": 0, "omni_adj_threshold_value": 0,
                           "omni_stock_lock_date": False})
        cls.warehouse = env["stock.warehouse"].create({"name": "Tour Scan WH", "code": "TSW"})
        cls.receipt_type = cls.warehouse.in_type_id
        cls.receipt_type.write({"use_create_lots": True, "create_backorder": "ask"})
        cls.category = env["product.category"].create(
            {"name": "Tour Scan", "omni_receipt_tolerance": 10})
        cls.receiver = new_test_user(
            env, "tour_receiver", groups="stock.group_stock_user",
            company_id=env.company.id, company_ids=[Command.set(env.company.ids)])
        # the first backend page after an install compiles the web client's assets:
        # done here, before the browser's clock starts
        for bundle in ("web.assets_web", "web.assets_tests"):
            assets = env["ir.qweb"]._get_asset_bundle(bundle)
            assets.js()
            assets.css()

    def receipt(self, name, product, qty):
        supplier = self.env.ref("stock.stock_location_suppliers")
        picking = self.env["stock.picking"].create({
            "name": name, "picking_type_id": self.receipt_type.id,
            "location_id": supplier.id, "location_dest_id": self.warehouse.lot_stock_id.id,
            "move_ids": [Command.create({
                "name": product.name, "product_id": product.id, "product_uom_qty": qty,
                "location_id": supplier.id,
                "location_dest_id": self.warehouse.lot_stock_id.id})]})
        picking.action_confirm()
        return picking

    def product(self, name, **vals):
        return self.env["product.product"].create(
            {"name": name, "is_storable": True, "categ_id": self.category.id, **vals})

    def test_gs1_label_fills_the_line(self):
        jam = self.product("Tour Jam", barcode="9506000134369", tracking="lot")
        picking = self.receipt("TOUR/GS1", jam, 12)
        self.start_tour(SCANNER, "omni_stock_barcode_gs1", login="tour_receiver", timeout=300)
        self.assertEqual(picking.state, "done")
        line = picking.move_line_ids
        self.assertEqual((line.lot_id.name, line.quantity), ("TOUR-LOT", 6))
        backorder = self.env["stock.picking"].search([("backorder_id", "=", picking.id)])
        self.assertEqual(backorder.move_ids.product_uom_qty, 6)

    def test_strict_mode_refuses_an_unscanned_line(self):
        self.receipt_type.omni_strict_scan = True
        tee = self.product("Tour Strict Tee")
        picking = self.receipt("TOUR/STRICT", tee, 3)
        self.start_tour(f"/odoo/action-stock.action_picking_tree_all/{picking.id}",
                        "omni_stock_barcode_strict", login="tour_receiver", timeout=300)
        self.assertNotEqual(picking.state, "done")

    def test_over_receipt_beyond_tolerance_asks_a_reason(self):
        self.receipt_type.omni_difference_reason = True
        tee = self.product("Tour Over Tee", default_code="SC-TOUR-TEE")
        picking = self.receipt("TOUR/OVER", tee, 10)
        self.start_tour(SCANNER, "omni_stock_barcode_tolerance", login="tour_receiver",
                        timeout=300)
        self.assertEqual(picking.state, "done")
        self.assertEqual(picking.omni_difference_reason_id,
                         self.env.ref("omni_stock_barcode.reason_receipt_difference"))
        self.assertEqual(picking.move_ids.quantity, 12)
