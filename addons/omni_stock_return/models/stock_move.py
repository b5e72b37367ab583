# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError

from .stock_warehouse import RETURN_STATUSES


class StockMove(models.Model):
    _inherit = "stock.move"

    @api.model_create_multi
    def create(self, vals_list):
        moves = super().create(vals_list)
        moves._omni_route_returns()
        return moves

    def _action_confirm(self, merge=True, merge_into=False):
        self._omni_route_returns()
        return super()._action_confirm(merge=merge, merge_into=merge_into)

    def _action_done(self, cancel_backorder=False):
        self._omni_check_return_destination()
        return super()._action_done(cancel_backorder=cancel_backorder)

    def _omni_is_misrouted_return(self, location):
        return (self.location_id.usage == "customer" and location.usage == "internal"
                and location.omni_status not in RETURN_STATUSES)

    def _omni_route_returns(self):
        """A move from a customer lands in its warehouse's inspection location."""
        for move in self.sudo():
            if move.state in ("done", "cancel") or not move._omni_is_misrouted_return(
                    move.location_dest_id):
                continue
            warehouse = self.env["stock.warehouse"]._omni_return_warehouse(
                move.location_dest_id, move.picking_type_id)
            if warehouse:
                move.location_dest_id = warehouse._omni_inspection_location()

    def _omni_check_return_destination(self):
        """Nothing from a customer becomes sellable stock without an inspection."""
        for move in self:
            for location in move.move_line_ids.location_dest_id | move.location_dest_id:
                if move._omni_is_misrouted_return(location):
                    raise UserError(self.env._(
                        "%(product)s comes back from a customer: it must be received into "
                        "an inspection, quarantine or damaged location, not %(location)s. "
                        "Returns are inspected before they can be sold again.",
                        product=move.product_id.display_name,
                        location=location.display_name,
                    ))
