from odoo import Command
from odoo.tests import TransactionCase, new_test_user

APPROVER = "omni_stock_adjustment.group_adjustment_approver"


class BarcodeCase(TransactionCase):
    """A warehouse with a damaged location, a vendor, a plain receiver (Inventory
    User), products with EAN-13 barcodes (one lot-tracked) and helpers to make
    receipts and scan them as the receiver."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.write({"omni_adj_threshold_qty": 0, "omni_adj_threshold_value": 0,
                           "omni_stock_lock_date": False})
        cls.warehouse = cls.env["stock.warehouse"].create({"name": "Scan WH", "code": "SCW"})
        cls.stock = cls.warehouse.lot_stock_id
        cls.damaged = cls.env["stock.location"].create({
            "name": "Damaged", "location_id": cls.warehouse.view_location_id.id,
            "usage": "internal", "omni_status": "damaged"})
        cls.shelf = cls.env["stock.location"].create({
            "name": "Shelf A", "location_id": cls.stock.id, "usage": "internal",
            "barcode": "SCW-SHELF-A"})
        cls.receipt_type = cls.warehouse.in_type_id
        cls.receipt_type.write({"use_create_lots": True, "use_existing_lots": True})
        cls.internal_type = cls.warehouse.int_type_id
        cls.vendor = cls.env["res.partner"].create({"name": "Scan Vendor"})
        cls.category = cls.env["product.category"].create({"name": "Scan Category"})
        cls.tee = cls.env["product.product"].create({
            "name": "Scan Tee", "is_storable": True, "barcode": "9506000134352",
            "default_code": "SC-TEE", "categ_id": cls.category.id, "standard_price": 5.0})
        cls.jam = cls.env["product.product"].create({
            "name": "Scan Jam", "is_storable": True, "barcode": "9506000134369",
            "default_code": "SC-JAM", "tracking": "lot", "categ_id": cls.category.id,
            "standard_price": 2.0})
        cls.cap = cls.env["product.product"].create({
            "name": "Scan Cap", "is_storable": True, "barcode": "4006381333931",
            "default_code": "SC-CAP", "categ_id": cls.category.id, "standard_price": 3.0})
        common = {"company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)]}
        cls.receiver = new_test_user(cls.env, "scan_receiver", groups="stock.group_stock_user",
                                     **common)
        cls.approver = new_test_user(cls.env, "scan_approver", groups=APPROVER, **common)
        cls.reason = cls.env.ref("omni_stock_barcode.reason_receipt_difference")
        cls._uuid = 0

    @classmethod
    def receipt(cls, lines, picking_type=None, partner=None):
        """A ready receipt of ``lines`` [(product, quantity)] from the vendor."""
        picking_type = picking_type or cls.receipt_type
        picking = cls.env["stock.picking"].create({
            "picking_type_id": picking_type.id, "partner_id": (partner or cls.vendor).id,
            "location_id": cls.env.ref("stock.stock_location_suppliers").id,
            "location_dest_id": cls.stock.id,
            "move_ids": [Command.create({
                "name": product.name, "product_id": product.id, "product_uom_qty": qty,
                "product_uom": product.uom_id.id,
                "location_id": cls.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": cls.stock.id}) for product, qty in lines],
        })
        picking.action_confirm()
        picking.action_assign()
        return picking

    def scan(self, picking, barcode, user=None, uuid=None, **kwargs):
        """A scan as ``user`` (the receiver by default) with a fresh scan ID."""
        if uuid is None:
            type(self)._uuid += 1
            uuid = f"test-scan-{self._uuid}"
        return picking.with_user(user or self.receiver).omni_scanner_scan(
            uuid, barcode, **kwargs)

    def move(self, picking, product):
        return picking.move_ids.filtered(lambda m: m.product_id == product)
