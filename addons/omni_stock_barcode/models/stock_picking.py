# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

SCANNER_STATES = ("assigned", "confirmed", "waiting")


class StockPicking(models.Model):
    _inherit = "stock.picking"

    omni_strict_scan = fields.Boolean(related="picking_type_id.omni_strict_scan")
    omni_difference_reason = fields.Boolean(related="picking_type_id.omni_difference_reason")
    omni_difference_reason_id = fields.Many2one(
        "omni.stock.adjustment.reason", "Difference Reason", copy=False,
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
        help="Why the received quantities differ from the expected ones beyond the "
        "tolerance (required then to validate).",
    )
    omni_difference_note = fields.Text("Difference Note", copy=False)
    omni_scan_ids = fields.One2many("omni.stock.scan", "picking_id", "Scans", readonly=True)

    # ------------------------------------------------------------------
    # validation from the form / RPC: differences above thresholds go for approval
    # ------------------------------------------------------------------
    def _omni_closes(self):
        """Whether validating now closes this picking (no backorder)."""
        self.ensure_one()
        policy = self.picking_type_id.create_backorder
        return policy == "never" or (
            policy != "always" and self.id in (
                self.env.context.get("picking_ids_not_to_backorder") or []))

    def _omni_request_difference_approvals(self, differences):
        """Approval requests (created when missing) of the differences above the
        adjustment thresholds; returns those not approved yet."""
        Move = self.env["stock.move"]
        entries = Move._omni_difference_entries(
            differences, self.omni_difference_reason_id, self.omni_difference_note)
        _apply, to_request = self.env["omni.stock.adjustment.policy"]._split_entries(entries)
        Request = self.env["omni.stock.adjustment.request"]
        pending = Request
        for entry in to_request:
            requests = Move._omni_difference_requests(entry["receipt_move"], entry["delta"])
            if "approved" in requests.mapped("state"):
                continue
            waiting = requests.filtered(lambda r: r.state == "to_approve")
            pending |= waiting or Request._omni_create_requests([entry])
        return pending

    def button_validate(self):
        pending = self.env["omni.stock.adjustment.request"]
        for picking in self.filtered(lambda p: p.omni_difference_reason and
                                     p.omni_difference_reason_id):
            differences = picking.move_ids._omni_receipt_differences(picking._omni_closes())
            if differences:
                pending |= picking._omni_request_difference_approvals(differences)
        if pending:
            return pending._omni_sent_notification()
        return super().button_validate()

    # ------------------------------------------------------------------
    # scanner RPC (the caller's rights: a user who may write the transfer)
    # ------------------------------------------------------------------
    @api.model
    def omni_scanner_pickings(self, search=None):
        """Transfers waiting to be scanned, in the caller's companies: receipts,
        internal transfers, and anything shipped into or received from transit."""
        domain = [("state", "in", SCANNER_STATES),
                  "|", "|", ("picking_type_code", "in", ("incoming", "internal")),
                  ("location_dest_id.usage", "=", "transit"),
                  ("location_id.usage", "=", "transit")]
        if search:
            domain += ["|", ("name", "ilike", search), ("origin", "ilike", search)]
        pickings = self.search(domain, limit=80, order="scheduled_date, id")
        return [{
            "id": p.id, "name": p.name, "partner": p.partner_id.display_name or "",
            "type": p.picking_type_id.display_name, "code": p.picking_type_code,
            "origin": p.origin or "", "scheduled": fields.Date.to_string(p.scheduled_date),
        } for p in pickings]

    def _omni_check_scanner_access(self):
        self.ensure_one()
        self.check_access("write")

    def _omni_scanner_move(self, move):
        """One move as the scanner shows it; no expected quantity when blind."""
        lines = move.move_line_ids
        vals = {
            "id": move.id,
            "product": move.product_id.display_name,
            "barcode": move.product_id.barcode or "",
            "tracking": move.product_id.tracking,
            "uom": move.product_uom.name,
            "scanned": sum(lines.mapped("omni_scanned_qty")),
            # lines elsewhere than the move's destination are few: read their status only
            "damaged": sum(lines.filtered(
                lambda ml: ml.location_dest_id != move.location_dest_id).filtered(
                lambda ml: ml.location_dest_id.omni_status in ("damaged", "quarantine"))
                .mapped("omni_scanned_qty")),
            "lots": sorted({ml.lot_id.name or ml.lot_name for ml in lines
                            if ml.omni_scanned_qty and (ml.lot_id or ml.lot_name)}),
            "unexpected": move.omni_unexpected,
        }
        if not move.picking_type_id.omni_blind_receipt:
            vals["expected"] = move.product_uom_qty
        return vals

    def omni_scanner_load(self):
        self._omni_check_scanner_access()
        picking_type = self.picking_type_id
        reasons = []
        if picking_type.omni_difference_reason:
            reasons = [{"id": r.id, "name": r.display_name, "note_required": r.note_required}
                       for r in self.env["omni.stock.adjustment.reason"].search(
                           [("company_id", "in", [False, self.company_id.id])])]
        return {
            "id": self.id, "name": self.name, "code": self.picking_type_code,
            "partner": self.partner_id.display_name or "",
            "type": picking_type.display_name, "state": self.state,
            "blind": picking_type.omni_blind_receipt, "strict": picking_type.omni_strict_scan,
            "difference_reason": picking_type.omni_difference_reason,
            "backorder": picking_type.create_backorder,
            "moves": [self._omni_scanner_move(m) for m in self.move_ids
                      if m.state != "cancel"],
            "reasons": reasons,
        }

    def omni_scanner_scan(self, uuid, barcode, quantity=None, lot=None, damaged=False,
                          location_id=None):
        """One scan (see ``omni.stock.scan._omni_scan``): idempotent by ``uuid``."""
        self._omni_check_scanner_access()
        if location_id is not None and not isinstance(location_id, int):
            raise UserError(self.env._("location_id must be a location id."))
        return self.env["omni.stock.scan"]._omni_scan(
            self, uuid, barcode, quantity=quantity, lot_name=lot, damaged=bool(damaged),
            location_id=location_id)

    def _omni_add_unexpected_move(self, product):
        """A move for a product the receipt did not expect (0 ordered)."""
        self.ensure_one()
        move = self.env["stock.move"].create({
            "name": product.display_name, "product_id": product.id,
            "product_uom": product.uom_id.id, "product_uom_qty": 0,
            "location_id": self.location_id.id, "location_dest_id": self.location_dest_id.id,
            "picking_id": self.id, "picking_type_id": self.picking_type_id.id,
            "company_id": self.company_id.id, "partner_id": self.partner_id.id,
            "omni_unexpected": True,
        })
        move._action_confirm(merge=False)
        return move

    def omni_scanner_validate(self, close=None, reason_id=None, note=None):
        """Validate from the scanner: the backorder-or-close choice and the reason for a
        difference beyond tolerance are asked explicitly; a difference above the
        adjustment thresholds goes for approval first. Returns what to ask or do."""
        self._omni_check_scanner_access()
        if self.state in ("done", "cancel"):
            return {"state": self.state}
        if not any(self.move_line_ids.mapped("omni_scanned_qty")):
            raise UserError(self.env._("Nothing scanned yet on %s.", self.name))
        moves = self.move_ids.filtered(lambda m: m.state not in ("done", "cancel"))
        received = moves._omni_received_quantities()
        short = any(
            float_compare(received[m.id], m.product_qty,
                          precision_rounding=m.product_id.uom_id.rounding) < 0
            for m in moves)
        policy = self.picking_type_id.create_backorder
        if short and close is None and policy == "ask":
            return {"ask": "backorder"}
        close = policy == "never" or (policy == "ask" and bool(close))
        if not short:
            close = False
        if reason_id:
            self.write({"omni_difference_reason_id": int(reason_id), "omni_difference_note": note})
        differences = moves._omni_receipt_differences(close)
        if differences:
            if not self.omni_difference_reason_id:
                blind = self.picking_type_id.omni_blind_receipt
                return {"ask": "reason", "differences": [{
                    "product": d["move"].product_id.display_name,
                    **({} if blind else {"expected": d["expected"], "received": d["received"]}),
                } for d in differences]}
            pending = self._omni_request_difference_approvals(differences)
            if pending:
                return {"state": "to_approve", "requests": pending.mapped("name")}
        result = self.with_context(
            skip_backorder=True, skip_sms=True, skip_expired=True,
            picking_ids_not_to_backorder=self.ids if close else [],
        ).button_validate()
        if isinstance(result, dict) and self.state != "done":
            raise UserError(self.env._(
                "%s needs a step the scanner does not offer: finish it from the form.",
                self.name))
        backorder = self.search([("backorder_id", "=", self.id)], limit=1)
        return {"state": self.state, "backorder": backorder.name or False}
