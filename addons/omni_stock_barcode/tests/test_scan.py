from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import BarcodeCase

SSCC = "106141411234567897"


class TestScan(BarcodeCase):
    """What one scan fills, as a plain receiver."""

    def test_gs1_label_fills_product_lot_expiry_quantity(self):
        picking = self.receipt([(self.jam, 12)])
        # (01) GTIN-14 of the jam, (17) expiry, (30) count of 6, FNC1, (10) lot
        answer = self.scan(picking, "0109506000134369172612313006\x1d10LOT-A")
        self.assertEqual(answer["kind"], "product")
        self.assertEqual(answer["quantity"], 6)
        self.assertEqual(answer["lot"], "LOT-A")
        self.assertEqual(str(answer["expiration_date"]), "2026-12-31")
        self.assertEqual(answer["move"]["scanned"], 6)
        self.assertEqual(answer["move"]["expected"], 12)
        line = self.move(picking, self.jam).move_line_ids.filtered("omni_scanned_qty")
        self.assertEqual((line.lot_id.name, line.quantity, line.picked), ("LOT-A", 6, True))
        scan = picking.omni_scan_ids
        self.assertEqual((scan.product_id, scan.lot_id, str(scan.expiration_date)),
                         (self.jam, line.lot_id, "2026-12-31"))
        # the human-readable form of a label, typed or read by a camera, parses the same
        self.scan(picking, "(01)09506000134369(17)261231(30)2(10)LOT-A")
        self.assertEqual(line.quantity, 8)

    def test_plain_ean_gtin14_and_internal_reference(self):
        picking = self.receipt([(self.tee, 5), (self.cap, 5)])
        self.scan(picking, "9506000134352")  # EAN-13 on the product
        self.scan(picking, "09506000134352")  # the same as GTIN-14
        self.scan(picking, "SC-CAP", quantity=3)  # internal reference, typed quantity
        self.assertEqual(self.move(picking, self.tee).move_line_ids.omni_scanned_qty, 2)
        self.assertEqual(self.move(picking, self.tee).quantity, 2, "scans replace the "
                         "prefilled quantity")
        self.assertEqual(self.move(picking, self.cap).quantity, 3)
        with self.assertRaisesRegex(UserError, "Unknown barcode"):
            self.scan(picking, "NO-SUCH-CODE")

    def test_tracked_product_needs_a_scanned_lot(self):
        picking = self.receipt([(self.jam, 2)])
        with self.assertRaisesRegex(UserError, "never chooses"):
            self.scan(picking, "9506000134369")
        self.scan(picking, "9506000134369", lot="L-TYPED")
        self.assertEqual(self.move(picking, self.jam).move_line_ids.filtered(
            "omni_scanned_qty").lot_id.name, "L-TYPED")

    def test_location_scan_never_chooses_a_lot(self):
        lots = self.env["stock.lot"].create([
            {"name": name, "product_id": self.jam.id} for name in ("OLD", "NEW")])
        for lot in lots:
            self.env["stock.quant"]._update_available_quantity(self.jam, self.shelf, 5,
                                                               lot_id=lot)
        picking = self.env["stock.picking"].create({
            "picking_type_id": self.internal_type.id, "location_id": self.stock.id,
            "location_dest_id": self.damaged.id, "move_ids": [Command.create({
                "name": "jam", "product_id": self.jam.id, "product_uom_qty": 3,
                "location_id": self.stock.id, "location_dest_id": self.damaged.id})]})
        picking.action_confirm()
        picking.action_assign()
        answer = self.scan(picking, "SCW-SHELF-A")
        self.assertEqual(answer["kind"], "location")
        with self.assertRaisesRegex(UserError, "never chooses"):
            self.scan(picking, "9506000134369", location_id=answer["location_id"])
        self.scan(picking, "9506000134369", location_id=answer["location_id"], lot="NEW")
        scanned = picking.move_line_ids.filtered("omni_scanned_qty")
        self.assertEqual((scanned.lot_id.name, scanned.location_id), ("NEW", self.shelf))

    def test_sscc_receives_the_whole_package(self):
        package = self.env["stock.quant.package"].create({"name": SSCC})
        self.env["stock.quant"]._update_available_quantity(self.tee, self.stock, 4,
                                                           package_id=package)
        self.env["stock.quant"]._update_available_quantity(self.cap, self.stock, 6,
                                                           package_id=package)
        picking = self.env["stock.picking"].create({
            "picking_type_id": self.internal_type.id, "location_id": self.stock.id,
            "location_dest_id": self.shelf.id, "move_ids": [Command.create({
                "name": p.name, "product_id": p.id, "product_uom_qty": q,
                "location_id": self.stock.id, "location_dest_id": self.shelf.id})
                for p, q in ((self.tee, 4), (self.cap, 6))]})
        picking.action_confirm()
        picking.action_assign()
        self.assertEqual(picking.move_line_ids.package_id, package)
        answer = self.scan(picking, "00" + SSCC)
        self.assertEqual((answer["kind"], answer["lines"]), ("package", 2))
        self.assertEqual(picking.move_line_ids.mapped("omni_scanned_qty"), [4.0, 6.0])
        self.internal_type.omni_strict_scan = True
        picking.with_user(self.receiver).button_validate()
        self.assertEqual(picking.state, "done")
        onhand = self.env["stock.quant"]._omni_onhand(self.cap, self.shelf, package=package)
        self.assertEqual(onhand, 6)

    def test_damaged_on_arrival_goes_to_the_damaged_location(self):
        picking = self.receipt([(self.tee, 3)])
        self.scan(picking, "9506000134352", quantity=2)
        answer = self.scan(picking, "9506000134352", damaged=True)
        self.assertEqual(answer["move"]["damaged"], 1)
        picking.with_user(self.receiver).button_validate()
        onhand = self.env["stock.quant"]._omni_onhand
        self.assertEqual((onhand(self.tee, self.stock), onhand(self.tee, self.damaged)), (2, 1))
        self.assertTrue(picking.omni_scan_ids.filtered("damaged"))

    def test_unexpected_product_is_added_to_a_receipt(self):
        picking = self.receipt([(self.tee, 1)])
        answer = self.scan(picking, "SC-CAP")
        self.assertTrue(answer["move"]["unexpected"])
        self.assertEqual(answer["move"]["expected"], 0)

    def test_blind_receiving_sends_no_expected_quantity(self):
        self.receipt_type.omni_blind_receipt = True
        picking = self.receipt([(self.tee, 7)])
        loaded = picking.with_user(self.receiver).omni_scanner_load()
        self.assertNotIn("expected", loaded["moves"][0])
        answer = self.scan(picking, "SC-TEE")
        self.assertNotIn("expected", answer["move"])
        self.assertEqual(answer["move"]["scanned"], 1)

    def test_replayed_scan_changes_nothing(self):
        picking = self.receipt([(self.tee, 5)])
        first = self.scan(picking, "SC-TEE", uuid="offline-1", quantity=2)
        again = self.scan(picking, "SC-TEE", uuid="offline-1", quantity=2)
        self.assertTrue(again.pop("replayed"))
        self.assertEqual(again["move"], first["move"])
        self.assertEqual(self.move(picking, self.tee).quantity, 2)
        self.assertEqual(len(picking.omni_scan_ids), 1)
        self.scan(picking, "SC-TEE", uuid="offline-2", quantity=2)
        self.assertEqual(self.move(picking, self.tee).quantity, 4)

    def test_scanned_quantity_is_written_by_the_scanner_only(self):
        picking = self.receipt([(self.tee, 5)])
        line = picking.move_line_ids.with_user(self.receiver)
        with self.assertRaisesRegex(UserError, "scanner only"):
            line.write({"omni_scanned_qty": 5})
        with self.assertRaisesRegex(UserError, "scanner only"):
            self.env["stock.move.line"].with_user(self.receiver).create({
                "move_id": line.move_id.id, "product_id": self.tee.id,
                "location_id": line.location_id.id, "location_dest_id": self.stock.id,
                "quantity": 1, "omni_scanned_qty": 1})

    def test_company_isolation(self):
        company_b = self.env["res.company"].create({"name": "Scan Company B"})
        receiver_b = new_test_user(
            self.env, "scan_receiver_b", groups="stock.group_stock_user",
            company_id=company_b.id, company_ids=[Command.set(company_b.ids)])
        picking = self.receipt([(self.tee, 5)])
        with self.assertRaises(AccessError):
            self.scan(picking, "SC-TEE", user=receiver_b, uuid="shared-id")
        warehouse_b = self.env["stock.warehouse"].search(
            [("company_id", "=", company_b.id)], limit=1)
        picking_b = self.env["stock.picking"].with_company(company_b).create({
            "picking_type_id": warehouse_b.in_type_id.id, "partner_id": self.vendor.id,
            "location_id": self.env.ref("stock.stock_location_suppliers").id,
            "location_dest_id": warehouse_b.lot_stock_id.id,
            "move_ids": [Command.create({
                "name": "tee", "product_id": self.tee.id, "product_uom_qty": 5,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": warehouse_b.lot_stock_id.id})]})
        picking_b.action_confirm()
        # the same scan ID in two companies is two scans; neither sees the other's
        self.scan(picking, "SC-TEE", uuid="shared-id")
        answer = self.scan(picking_b, "SC-TEE", user=receiver_b, uuid="shared-id")
        self.assertNotIn("replayed", answer)
        Scan = self.env["omni.stock.scan"]
        self.assertEqual(Scan.with_user(receiver_b).search([("uuid", "=", "shared-id")]).picking_id,
                         picking_b)
        self.assertEqual(Scan.with_user(self.receiver).search([("uuid", "=", "shared-id")])
                         .picking_id, picking)
