from odoo import fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    omni_routing_warehouse_id = fields.Many2one(
        "stock.warehouse", "Routed To", readonly=True, copy=False, index="btree_not_null",
        help="The node the router (or a manager's override) chose for what is still to "
        "procure of this line.")

    def _prepare_procurement_values(self, group_id=False):
        values = super()._prepare_procurement_values(group_id)
        if self.omni_routing_warehouse_id:
            values["warehouse_id"] = self.omni_routing_warehouse_id
        return values

    def _omni_open_moves(self, warehouses=None):
        """The line's outgoing moves not done nor cancelled (of ``warehouses`` if given)."""
        moves = self.move_ids.filtered(lambda m: m.state not in ("done", "cancel"))
        if warehouses is not None:
            moves = moves.filtered(
                lambda m: (m.warehouse_id or m.location_id.warehouse_id) in warehouses)
        return moves
