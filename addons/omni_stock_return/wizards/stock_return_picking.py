# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class StockReturnPicking(models.TransientModel):
    _inherit = "stock.return.picking"

    def _prepare_picking_default_values(self):
        """A delivery comes back into its warehouse's inspection location."""
        vals = super()._prepare_picking_default_values()
        if self.picking_id.location_dest_id.usage == "customer":
            warehouse = self.picking_id.picking_type_id.warehouse_id
            if warehouse:
                vals["location_dest_id"] = warehouse._omni_inspection_location().id
        return vals
