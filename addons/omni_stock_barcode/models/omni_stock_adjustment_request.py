# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmniStockAdjustmentRequest(models.Model):
    """A receipt difference above the adjustment thresholds waits here for an
    approver like any adjustment; approving it changes no stock: it lets the
    receiver validate the receipt with exactly that difference."""

    _inherit = "omni.stock.adjustment.request"

    source = fields.Selection(
        selection_add=[("receipt", "Receipt difference")], ondelete={"receipt": "cascade"}
    )
    omni_receipt_move_id = fields.Many2one(
        "stock.move", "Receipt Move", readonly=True, index="btree_not_null",
        help="The received move whose difference to the expected quantity needs approval.",
    )
    omni_receipt_picking_id = fields.Many2one(
        related="omni_receipt_move_id.picking_id", string="Receipt"
    )

    def _prepare_request_vals(self, entry):
        vals = super()._prepare_request_vals(entry)
        if entry.get("receipt_move"):
            vals["omni_receipt_move_id"] = entry["receipt_move"].id
        return vals

    def _omni_current_quantity(self):
        # a receipt difference is checked against the receipt, not the quants
        if self.omni_receipt_move_id:
            return self.quantity_before
        return super()._omni_current_quantity()

    def _omni_check_applicable(self, current):
        if self.omni_receipt_move_id:
            return
        return super()._omni_check_applicable(current)

    def _omni_apply(self):
        """An approved receipt difference: nothing to move; the receipt may now be
        validated with that difference (see ``stock.move._omni_check_differences``)."""
        if self.omni_receipt_move_id:
            picking = self.omni_receipt_move_id.picking_id
            # earned: _omni_check_decider() in action_approve, the only caller
            picking.sudo().message_post(body=self.env._(
                "Receipt difference %(name)s approved: %(product)s %(delta)s.",
                name=self.name, product=self.product_id.display_name,
                delta=f"{self.quantity_delta:+g}"))
            return
        return super()._omni_apply()
