# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from ..tools import gtin_candidates, looks_like_gs1, normalize_gs1, scan_write


class OmniStockScan(models.Model):
    """One scan of the receiving / transfer scanner.

    The browser gives each scan a UUID; the UUID is unique per company, so a scan
    replayed by the offline queue (sent twice, or sent again after an answer
    that never arrived) returns the first answer and changes nothing.
    Rows are written by the server only (:meth:`_omni_scan`, after the caller's
    access to the transfer is checked); users read them.
    """

    _name = "omni.stock.scan"
    _description = "Barcode Scan"
    _order = "id desc"

    uuid = fields.Char("Scan ID", required=True, readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    picking_id = fields.Many2one("stock.picking", readonly=True, index=True, ondelete="cascade")
    user_id = fields.Many2one("res.users", readonly=True, default=lambda self: self.env.user)
    barcode = fields.Char(readonly=True)
    kind = fields.Selection(
        [("product", "Product"), ("package", "Package"), ("location", "Location"),
         ("error", "Refused")], readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    lot_id = fields.Many2one("stock.lot", "Lot/Serial", readonly=True)
    package_id = fields.Many2one("stock.quant.package", readonly=True)
    location_id = fields.Many2one("stock.location", readonly=True)
    quantity = fields.Float(digits="Product Unit of Measure", readonly=True)
    expiration_date = fields.Date(readonly=True, help="From the label (GS1 AI 17).")
    damaged = fields.Boolean(readonly=True)
    move_line_id = fields.Many2one("stock.move.line", readonly=True, ondelete="set null")
    answer = fields.Text(readonly=True, help="What the scanner was told (JSON), replayed "
                         "to a repeated scan.")

    _sql_constraints = [
        ("uuid_company_uniq", "unique(uuid, company_id)", "A scan is recorded once."),
    ]

    # ------------------------------------------------------------------
    # parsing
    # ------------------------------------------------------------------
    @api.model
    def _omni_gs1_nomenclature(self, company):
        nomenclature = company.nomenclature_id
        if nomenclature.is_gs1_nomenclature:
            return nomenclature
        return self.env.ref("barcodes_gs1_nomenclature.default_gs1_nomenclature",
                            raise_if_not_found=False)

    @api.model
    def _omni_parse(self, barcode, company):
        """What a barcode says, as a dict: ``gtin``, ``lot``, ``expiration_date``,
        ``quantity``, ``sscc`` from a GS1 element string; else ``code`` (plain)."""
        if looks_like_gs1(barcode):
            nomenclature = self._omni_gs1_nomenclature(company)
            parsed = None
            if nomenclature:
                try:
                    parsed = nomenclature.parse_barcode(normalize_gs1(barcode))
                except (UserError, ValueError):
                    parsed = None
            if parsed:
                result = {"gs1": True}
                for element in parsed:
                    kind, value = element["type"], element["value"]
                    if kind == "product":
                        result["gtin"] = value
                    elif kind == "lot":
                        result["lot"] = value
                    elif kind == "expiration_date" or (
                            kind == "use_date" and "expiration_date" not in result):
                        result["expiration_date"] = value
                    elif kind == "quantity":
                        result["quantity"] = value
                    elif kind == "package":
                        result["sscc"] = value
                return result
        return {"code": barcode}

    @api.model
    def _omni_find_product(self, code, company):
        Product = self.env["product.product"].with_context(active_test=True)
        domain = [("company_id", "in", [False, company.id])]
        product = Product.search([("barcode", "in", gtin_candidates(code))] + domain, limit=1)
        return product or Product.search([("default_code", "=", code)] + domain, limit=1)

    # ------------------------------------------------------------------
    # the scan
    # ------------------------------------------------------------------
    @api.model
    def _omni_scan(self, picking, uuid, barcode, quantity=None, lot_name=None,
                   damaged=False, location_id=None):
        """Apply one scan to ``picking`` (access checked by the caller) and
        return the scanner's answer. A UUID seen before returns its first answer."""
        uuid = (uuid or "").strip()
        barcode = (barcode or "").strip()
        if not uuid or len(uuid) > 64:
            raise UserError(self.env._("A scan needs its scan ID (at most 64 characters)."))
        if not barcode:
            raise UserError(self.env._("Empty scan."))
        company = picking.company_id
        # earned: the replay lookup of the caller's own company's scan of a transfer
        # it may write (checked by the caller)
        seen = self.sudo().search([("uuid", "=", uuid), ("company_id", "=", company.id)],
                                  limit=1)
        if seen:
            return dict(json.loads(seen.answer or "{}"), replayed=True)
        if picking.state in ("done", "cancel"):
            raise UserError(self.env._("%s is already done or cancelled.", picking.name))
        vals = {"uuid": uuid, "company_id": company.id, "picking_id": picking.id,
                "barcode": barcode[:256], "damaged": bool(damaged)}
        answer = self._omni_apply_scan(picking, barcode, quantity, lot_name, damaged,
                                       location_id, vals)
        vals["answer"] = json.dumps(answer, default=str)
        # earned: the scan row of a transfer the caller may write (checked by the caller)
        self.sudo().create(vals)
        return answer

    @api.model
    def _omni_apply_scan(self, picking, barcode, quantity, lot_name, damaged,
                         location_id, vals):
        parsed = self._omni_parse(barcode, picking.company_id)
        if parsed.get("sscc"):
            return self._omni_scan_package(picking, parsed["sscc"], vals)
        code = parsed.get("gtin") or parsed.get("code")
        product = self._omni_find_product(code, picking.company_id)
        if not product and not parsed.get("gs1"):
            location = self.env["stock.location"].search(
                [("barcode", "=", code), ("company_id", "in", [False, picking.company_id.id])],
                limit=1)
            if location:
                vals.update(kind="location", location_id=location.id)
                return {"kind": "location", "location_id": location.id,
                        "location": location.display_name}
            package = self.env["stock.quant.package"].search([("name", "=", code)], limit=1)
            if package:
                return self._omni_scan_package(picking, code, vals)
        if not product:
            raise UserError(self.env._("Unknown barcode %s: no product, package or location.",
                                       barcode))
        qty = parsed.get("quantity") or quantity or 1
        try:
            qty = float(qty)
        except (TypeError, ValueError):
            raise UserError(self.env._("The quantity must be a number.")) from None
        if qty <= 0:
            raise UserError(self.env._("The quantity must be positive."))
        lot_name = (parsed.get("lot") or lot_name or "").strip() or None
        line = self._omni_scan_product(picking, product, qty, lot_name, damaged, location_id,
                                       parsed.get("expiration_date"))
        vals.update(kind="product", product_id=product.id, quantity=qty,
                    lot_id=line.lot_id.id, move_line_id=line.id,
                    expiration_date=parsed.get("expiration_date") or False)
        answer = {"kind": "product", "quantity": qty, "lot": line.lot_id.name or line.lot_name,
                  "expiration_date": parsed.get("expiration_date"),
                  "move": picking._omni_scanner_move(line.move_id)}
        return answer

    @api.model
    def _omni_scan_package(self, picking, name, vals):
        """An SSCC (or a package's name): every line of the transfer in or into that
        package is received or moved whole."""
        package = self.env["stock.quant.package"].search([("name", "=", name)], limit=1)
        lines = picking.move_line_ids.filtered(
            lambda ml: package and (ml.package_id == package or ml.result_package_id == package))
        if not lines:
            raise UserError(self.env._("Package %(package)s is not in %(picking)s.",
                                       package=name, picking=picking.name))
        with scan_write():
            for line in lines:
                line.write({"omni_scanned_qty": line.quantity, "picked": True})
        vals.update(kind="package", package_id=package.id,
                    quantity=sum(lines.mapped("quantity")))
        return {"kind": "package", "package": package.name, "lines": len(lines),
                "moves": [picking._omni_scanner_move(move) for move in lines.move_id]}

    @api.model
    def _omni_lot(self, picking, product, lot_name, expiration_date):
        """The lot scanned: an existing one, or a new one where the operation type
        creates lots. Never chosen by the server when none is scanned."""
        Lot = self.env["stock.lot"]
        lot = Lot.search([("product_id", "=", product.id), ("name", "=", lot_name),
                          ("company_id", "in", [False, picking.company_id.id])], limit=1)
        if lot:
            return lot
        if not picking.picking_type_id.use_create_lots:
            raise UserError(self.env._("Lot %(lot)s of %(product)s does not exist.",
                                       lot=lot_name, product=product.display_name))
        vals = {"product_id": product.id, "name": lot_name,
                "company_id": picking.company_id.id}
        if expiration_date and "expiration_date" in Lot._fields:
            vals["expiration_date"] = fields.Datetime.to_datetime(expiration_date)
        return Lot.create(vals)

    @api.model
    def _omni_damaged_location(self, picking):
        warehouse = picking.picking_type_id.warehouse_id or picking.location_dest_id.warehouse_id
        Location = self.env["stock.location"]
        for status in ("damaged", "quarantine"):
            location = Location.search([("warehouse_id", "=", warehouse.id),
                                        ("usage", "=", "internal"),
                                        ("omni_status", "=", status)], limit=1)
            if location:
                return location
        raise UserError(self.env._(
            "%s has no damaged or quarantine location to receive damaged goods into.",
            warehouse.display_name or picking.location_dest_id.display_name))

    @api.model
    def _omni_scan_product(self, picking, product, qty, lot_name, damaged, location_id,
                           expiration_date):
        # by query, not by loading every move of a large receipt
        move = self.env["stock.move"].search([
            ("picking_id", "=", picking.id), ("product_id", "=", product.id),
            ("state", "not in", ("done", "cancel"))], limit=1, order="id")
        if not move:
            if picking.picking_type_code != "incoming":
                raise UserError(self.env._("%(product)s is not in %(picking)s.",
                                           product=product.display_name, picking=picking.name))
            move = picking._omni_add_unexpected_move(product)
        if product.tracking != "none" and not lot_name:
            raise UserError(self.env._(
                "%s is tracked: scan its lot or serial number (the scanner never chooses "
                "one).", product.display_name))
        if product.tracking == "serial" and float_compare(qty, 1, precision_digits=0) != 0:
            raise UserError(self.env._("Serial numbers are scanned one unit at a time."))
        lot = self.env["stock.lot"]
        if lot_name:
            lot = self._omni_lot(picking, product, lot_name, expiration_date)
        source = self.env["stock.location"].browse(location_id).exists() if location_id \
            else move.location_id
        dest = self._omni_damaged_location(picking) if damaged else move.location_dest_id
        if source.company_id and source.company_id != picking.company_id:
            raise UserError(self.env._("That location belongs to another company."))

        def matches(line, scanned_only):
            return (line.location_dest_id == dest
                    and (line.lot_id == lot or (not line.lot_id and not lot)
                         or (not scanned_only and not line.lot_id and not line.lot_name
                             and picking.picking_type_code == "incoming"))
                    and (not location_id or line.location_id == source)
                    and (not scanned_only or line.omni_scanned_qty))

        lines = move.move_line_ids
        line = lines.filtered(lambda ml: matches(ml, True))[:1]
        with scan_write():
            if line:
                line.write({"quantity": line.quantity + qty,
                            "omni_scanned_qty": line.omni_scanned_qty + qty, "picked": True})
                return line
            line = lines.filtered(lambda ml: not ml.omni_scanned_qty and matches(ml, False))[:1]
            if line:
                vals = {"quantity": qty, "omni_scanned_qty": qty, "picked": True}
                if lot and line.lot_id != lot:
                    vals["lot_id"] = lot.id
                line.write(vals)
                return line
            return self.env["stock.move.line"].create({
                "move_id": move.id, "picking_id": picking.id, "product_id": product.id,
                "product_uom_id": move.product_uom.id, "lot_id": lot.id,
                "location_id": source.id, "location_dest_id": dest.id,
                "quantity": qty, "omni_scanned_qty": qty, "picked": True,
                "company_id": picking.company_id.id,
            })
