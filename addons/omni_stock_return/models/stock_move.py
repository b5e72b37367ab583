# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


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
        Return = self.env["omni.stock.return"]
        received = Return._omni_gate_receipts(self.filtered(
            lambda m: m.state not in ("done", "cancel") and m.product_id.is_storable
            and "customer" in m.move_line_ids.location_id.mapped("usage")))
        res = super()._action_done(cancel_backorder=cancel_backorder)
        Return._omni_received(received)
        return res

    @api.model
    def _omni_return_refused_in(self, location, company):
        """Whether goods from a customer may not enter ``location`` by an ordinary
        transfer (the customer row of the status transition matrix)."""
        status = location._omni_policy_status()
        return bool(status and status != "customer" and self.env[
            "omni.stock.status.transition"]._omni_door(company, "customer", status) != "free")

    def _omni_is_misrouted_return(self, location):
        return self.location_id.usage == "customer" and self._omni_return_refused_in(
            location, self.company_id)

    def _omni_route_returns(self):
        """A move from a customer lands in its warehouse's inspection location (the
        destination's warehouse, else its operation type's); validating it elsewhere
        is refused by the status transition policy."""
        # earned: what the caller just created or wrote (create/write above), only routed to
        # a safer place
        for move in self.sudo():
            if move.state in ("done", "cancel") or not move._omni_is_misrouted_return(
                    move.location_dest_id):
                continue
            warehouse = self.env["stock.warehouse"]._omni_return_warehouse(
                move.location_dest_id, move.picking_type_id)
            if warehouse:
                move.location_dest_id = warehouse._omni_inspection_location()
