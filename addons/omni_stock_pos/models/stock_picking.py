from odoo import api, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    @api.model
    def _prepare_picking_vals(self, partner, picking_type, location_id, location_dest_id):
        """A POS refund (goods coming back from the customer) lands in the store
        warehouse's inspection location: not sellable until graded."""
        vals = super()._prepare_picking_vals(partner, picking_type, location_id,
                                             location_dest_id)
        Location = self.env["stock.location"]
        source, dest = Location.browse(location_id), Location.browse(location_dest_id)
        if source.usage != "internal" and dest.usage == "internal" and dest.warehouse_id \
                and dest.omni_status == "sellable":
            vals["location_dest_id"] = dest.warehouse_id._omni_inspection_location().id
        return vals
