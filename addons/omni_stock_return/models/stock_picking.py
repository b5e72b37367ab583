# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    @api.model_create_multi
    def create(self, vals_list):
        pickings = super().create(vals_list)
        pickings._omni_route_returns()
        return pickings

    def write(self, vals):
        res = super().write(vals)
        if "location_id" in vals or "location_dest_id" in vals:
            self._omni_route_returns()
        return res

    def _omni_route_returns(self):
        """A receipt from a customer goes to its warehouse's inspection location,
        whatever its operation type says (a sellable, unpickable or transit
        destination, a location outside any warehouse...)."""
        Move = self.env["stock.move"]
        # earned: what the caller just created or wrote (create/write above), only routed to
        # a safer place
        for picking in self.sudo():
            if picking.state in ("done", "cancel") or picking.location_id.usage != "customer":
                continue
            dest = picking.location_dest_id
            if not Move._omni_return_refused_in(dest, picking.company_id):
                continue
            warehouse = self.env["stock.warehouse"]._omni_return_warehouse(
                dest, picking.picking_type_id)
            if warehouse:
                picking.location_dest_id = warehouse._omni_inspection_location()
