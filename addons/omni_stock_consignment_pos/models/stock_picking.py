# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from dataclasses import dataclass, field

from odoo import api, fields, models
from odoo.addons.omni_stock.tools.guard import ServerValue


@dataclass(frozen=True)
class PosSale:
    """What the till sold: its store's channel and each product's net unit price."""

    channel: object
    unit_prices: dict  # {product_id: unit price, tax excluded, company currency}
    # the pickings made so far for it: at a session's closing, its refunds' picking is
    # made after its sales' one, before either is linked to the session
    picking_ids: list = field(default_factory=list)


# the POS sale whose pickings are being made (set around Odoo's picking creation, which
# reserves and validates them before they are linked to their order or session)
pos_sale = ServerValue("omni_stock_consignment_pos_sale")


class StockPicking(models.Model):
    _inherit = "stock.picking"

    @api.model
    def _create_picking_from_pos_order_lines(self, location_dest_id, lines, picking_type,
                                             partner=False):
        with pos_sale(self._omni_consign_pos_sale(lines)):
            return super()._create_picking_from_pos_order_lines(
                location_dest_id, lines, picking_type, partner=partner)

    @api.model
    def _omni_consign_pos_sale(self, lines):
        sold = defaultdict(lambda: [0.0, 0.0])
        company = lines.company_id[:1] or self.env.company
        for line in lines.filtered(lambda pol: pol.qty > 0):
            subtotal = line.order_id.currency_id._convert(
                line.price_subtotal, company.currency_id, company,
                fields.Date.to_date(line.order_id.date_order) or fields.Date.today())
            qty = line.product_uom_id._compute_quantity(line.qty, line.product_id.uom_id) \
                if line.product_uom_id else line.qty
            sold[line.product_id.id][0] += subtotal
            sold[line.product_id.id][1] += qty
        return PosSale(
            channel=lines.order_id.config_id.omni_channel_id[:1],
            unit_prices={pid: amount / qty for pid, (amount, qty) in sold.items() if qty},
        )

    def _create_move_from_pos_order_lines(self, lines):
        sale = pos_sale.get()
        if sale is not None:
            sale.picking_ids.extend(self.ids)
        return super()._create_move_from_pos_order_lines(lines)

    def _link_owner_on_return_picking(self, lines):
        """A refund gives each owner back its units: the refund's moves name the lines
        of the refunded orders' deliveries they bring back (their settlement is reversed
        at the price it was settled at), and are split over those lines' owners.

        Replaces Odoo's guess, which gives a refund line's whole quantity to any owner
        of the refunded order's lines."""
        for move in self.move_ids.filtered(lambda m: m.location_id.usage == "customer"):
            move.omni_consign_returned_line_ids = self._omni_consign_refunded_lines(
                move, lines)
        self.move_ids._omni_consign_fit_return()

    @api.model
    def _omni_consign_refunded_lines(self, move, lines):
        """The done move lines that took ``move``'s product to the customers of the orders
        ``lines`` refund (the orders' pickings, or their sessions' at closing, or the
        sales' picking of the session being closed)."""
        sold = lines.filtered(
            lambda line: line.product_id == move.product_id).refunded_orderline_id
        orders = sold.order_id
        pickings = orders.picking_ids or orders.session_id.picking_ids
        if not pickings and pos_sale.get():
            # sold in the session being closed: its sales' picking, just made
            pickings = self.browse(pos_sale.get().picking_ids)
        return pickings.move_line_ids.filtered(
            lambda ml: ml.state == "done" and ml.product_id == move.product_id
            and ml.location_dest_id.usage == "customer")
