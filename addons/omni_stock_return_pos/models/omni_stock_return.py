# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A till's refund is a door back from the customer like any other: the returns
the gate records for it name the till's sale lines they refund, so the one rule
(:meth:`omni.stock.return._receipt_flag`) checks each against what its line sold."""

from odoo import api, fields, models
from odoo.tools import float_compare

from .stock_picking import pos_lines_in_progress


class OmniStockReturn(models.Model):
    _inherit = "omni.stock.return"

    pos_order_line_id = fields.Many2one(
        "pos.order.line", "Refunded Till Sale", readonly=True, copy=False,
        index="btree_not_null",
        help="The till's sale line this refund names (the till's Refund button).")
    pos_order_id = fields.Many2one(related="pos_order_line_id.order_id", string="Till Order")

    def _origin_domain(self):
        if self.pos_order_line_id:
            return [("pos_order_line_id", "=", self.pos_order_line_id.id)]
        return super()._origin_domain()

    def _delivered_qty(self):
        line = self.pos_order_line_id
        if line:
            return line.product_uom_id._compute_quantity(line.qty, self.product_id.uom_id)
        return super()._delivered_qty()

    @api.model
    def _prepare_receipt_returns_vals(self, move, lot, qty):
        """A till's receipt (a refund, or a session's refunds at its closing): one
        return per refunded sale line of the product, the rest (refund lines that
        name no sale) as one return of unknown origin."""
        lines = pos_lines_in_progress.get()
        refunds = lines.filtered(lambda line: line.product_id == move.product_id
                                 and line.qty < 0) if lines else None
        if not refunds or lot:
            return super()._prepare_receipt_returns_vals(move, lot, qty)
        rounding = move.product_id.uom_id.rounding
        vals_list, left = [], qty
        for sold, group in refunds.grouped("refunded_orderline_id").items():
            if not sold:
                continue
            part = min(left, sum(
                line.product_uom_id._compute_quantity(-line.qty, move.product_id.uom_id)
                for line in group))
            if float_compare(part, 0, precision_rounding=rounding) > 0:
                vals_list.append(self._prepare_pos_return_vals(move, sold, part))
                left -= part
        if float_compare(left, 0, precision_rounding=rounding) > 0:
            vals_list.append(dict(self._prepare_receipt_return_vals(move, lot, left),
                                  **self._prepare_pos_partner_vals(refunds.order_id[:1])))
        return vals_list

    @api.model
    def _prepare_pos_return_vals(self, move, sold, qty):
        return dict(self._prepare_receipt_return_vals(move, self.env["stock.lot"], qty),
                    pos_order_line_id=sold.id, **self._prepare_pos_partner_vals(sold.order_id))

    @api.model
    def _prepare_pos_partner_vals(self, order):
        # earned: the channel of the till the refund is rung at (a cashier validating
        # the refund reads no channel otherwise; nothing of it is shown)
        channel = order.sudo().config_id.omni_channel_id
        return {
            "partner_id": order.partner_id.id,
            "channel_id": channel.id if channel.company_id == order.company_id else False,
        }
