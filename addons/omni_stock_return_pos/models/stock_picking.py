# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import contextvars

from odoo import api, models

# the till's order lines whose pickings are being made and validated (server side:
# the picking knows its order only once it is done)
pos_lines_in_progress = contextvars.ContextVar("omni_stock_return_pos_lines", default=None)


class StockPicking(models.Model):
    _inherit = "stock.picking"

    @api.model
    def _create_picking_from_pos_order_lines(self, location_dest_id, lines, picking_type,
                                             partner=False):
        token = pos_lines_in_progress.set(lines)
        try:
            return super()._create_picking_from_pos_order_lines(
                location_dest_id, lines, picking_type, partner=partner)
        finally:
            pos_lines_in_progress.reset(token)
