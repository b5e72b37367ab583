# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero


class StockMove(models.Model):
    _inherit = "stock.move"

    omni_unexpected = fields.Boolean(
        "Not Ordered", readonly=True, copy=False,
        help="Added by a scan of a product the receipt did not expect.",
    )

    # ------------------------------------------------------------------
    # receipt differences (one rule, used by the scanner, the form and _action_done)
    # ------------------------------------------------------------------
    def _omni_receipt_tolerance(self):
        """Tolerance (%) of this move: the vendor's own, else the product category's."""
        self.ensure_one()
        partner = (self.picking_id.partner_id or self.partner_id).commercial_partner_id
        if partner.omni_receipt_tolerance_own:
            return partner.omni_receipt_tolerance
        return self.product_id.categ_id.omni_receipt_tolerance

    def _omni_received_quantity(self):
        """What validating now would receive, in the product's unit: Odoo does the
        picked lines of picked moves, every line of a transfer with nothing picked."""
        self.ensure_one()
        return self._omni_received_quantities()[self.id]

    def _omni_received_quantities(self):
        """``{move id: quantity}``: :meth:`_omni_received_quantity` of every move, in
        one pass (whether a transfer has anything picked is read once per transfer,
        not once per move)."""
        picked = {}  # transfer id: anything picked on it

        def anything_picked(move):
            picking = move.picking_id
            if not picking:
                return move.picked
            if picking.id not in picked:
                picked[picking.id] = any(picking.move_ids.mapped("picked"))
            return picked[picking.id]

        received = {}
        for move in self:
            lines = move.move_line_ids
            if anything_picked(move):
                # something is picked: Odoo does the picked lines of picked moves only
                lines = lines.filtered("picked") if move.picked else lines.browse()
            unit = move.product_id.uom_id
            received[move.id] = sum(
                line.product_uom_id._compute_quantity(line.quantity, unit) for line in lines
            )
        return received

    def _omni_receipt_differences(self, close):
        """Differences beyond tolerance of these moves if validated now, as dicts
        (move, expected, received, delta, tolerance). Under-receipt counts only when
        the receipt is closed (``close``: no backorder); with a backorder the
        missing quantity is still expected."""
        differences = []
        moves = self.filtered(
            lambda m: m.state not in ("done", "cancel")
            and m.picking_type_id.omni_difference_reason
        )
        quantities = moves._omni_received_quantities()
        for move in moves:
            expected = move.product_uom._compute_quantity(
                move.product_uom_qty, move.product_id.uom_id
            )
            received = quantities[move.id]
            delta = received - expected
            rounding = move.product_id.uom_id.rounding
            if float_is_zero(delta, precision_rounding=rounding) or (delta < 0 and not close):
                continue
            tolerance = move._omni_receipt_tolerance()
            if float_compare(abs(delta), expected * tolerance / 100.0,
                             precision_rounding=rounding) <= 0:
                continue
            differences.append({"move": move, "expected": expected, "received": received,
                                "delta": delta, "tolerance": tolerance})
        return differences

    def _omni_difference_entries(self, differences, reason, note):
        """Adjustment entries (see ``omni.stock.adjustment.policy``) of ``differences``:
        the reason's note rule, the lock date, the thresholds apply as to any change."""
        Policy = self.env["omni.stock.adjustment.policy"]
        entries = []
        for difference in differences:
            move = difference["move"]
            target = self.env["stock.quant"].new({
                "product_id": move.product_id.id,
                "location_id": move.location_dest_id.id,
                "company_id": move.company_id.id,
            })
            entries.append(Policy._prepare_entry(
                target, difference["expected"], difference["delta"], reason, note,
                "receipt", receipt_move=move,
            ))
        return Policy._check_entries(entries)

    def _omni_difference_requests(self, move, delta):
        # earned: reads whether an approval exists for a move the caller validates
        return self.env["omni.stock.adjustment.request"].sudo().search([
            ("omni_receipt_move_id", "=", move.id),
            ("quantity_delta", "=", delta),
        ])

    def _omni_check_differences(self, close):
        """Refuse validating a receipt difference beyond tolerance without a reason,
        or above the adjustment thresholds without an approved request of exactly
        that difference. Called where moves are done: every path."""
        differences = self._omni_receipt_differences(close)
        if not differences:
            return
        for picking in self.env["stock.picking"].union(
            *[difference["move"].picking_id for difference in differences]
        ):
            mine = [d for d in differences if d["move"].picking_id == picking]
            if not picking.omni_difference_reason_id:
                raise UserError(self.env._(
                    "%(picking)s: %(products)s received beyond the tolerance: give a reason "
                    "for the difference (Difference Reason) before validating.",
                    picking=picking.display_name,
                    products=", ".join(d["move"].product_id.display_name for d in mine)))
            entries = self._omni_difference_entries(
                mine, picking.omni_difference_reason_id, picking.omni_difference_note)
            _apply, to_request = self.env["omni.stock.adjustment.policy"]._split_entries(entries)
            for entry in to_request:
                requests = self._omni_difference_requests(entry["receipt_move"], entry["delta"])
                if "approved" not in requests.mapped("state"):
                    raise UserError(self.env._(
                        "%(picking)s: the difference of %(delta)s %(product)s is above the "
                        "adjustment thresholds and needs an approved request first "
                        "(%(state)s).",
                        picking=picking.display_name, delta=f"{entry['delta']:+g}",
                        product=entry["product"].display_name,
                        state=(self.env._("waiting for approval") if requests.filtered(
                            lambda r: r.state == "to_approve")
                            else self.env._("validate from the scanner or the form to "
                                            "send it"))))

    def _action_done(self, cancel_backorder=False):
        self._omni_check_differences(close=cancel_backorder)
        return super()._action_done(cancel_backorder=cancel_backorder)
