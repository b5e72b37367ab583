from odoo import api, fields, models
from odoo.exceptions import ValidationError


class StockWarehouse(models.Model):
    """A warehouse or store as a routing node: its labour, capacity, hours, exclusions."""

    _inherit = "stock.warehouse"

    omni_routing_minutes_per_order = fields.Float("Picking Minutes per Order", default=2.0)
    omni_routing_minutes_per_line = fields.Float("Picking Minutes per Line", default=3.0)
    omni_routing_labour_rate = fields.Float(
        "Labour Rate (per hour)", default=25.0,
        help="Cost of an hour of picking and packing at this node.")
    omni_routing_capacity_orders = fields.Integer(
        "Daily Capacity (orders)", default=0,
        help="Orders this node may fulfil per open day (0: no limit).")
    omni_routing_capacity_units = fields.Integer(
        "Daily Capacity (units)", default=0, help="Units per open day (0: no limit).")
    omni_routing_calendar_id = fields.Many2one(
        "resource.calendar", "Fulfilment Calendar", check_company=True,
        help="Open days of this node (default: every day). Orders routed on a closed day "
        "or after the cut-off ship on the next open day and use its capacity.")
    omni_routing_cutoff_hour = fields.Float(
        "Cut-off Time", default=24.0,
        help="Orders routed after this hour (in the node's calendar time zone, UTC "
        "without one) ship the next open day.")
    omni_routing_excluded_product_ids = fields.Many2many(
        "product.product", "omni_routing_excluded_product_rel", "warehouse_id", "product_id",
        string="Never Routed Here",
        help="Products this node never ships (bulky, regulated...).")
    omni_routing_pickup = fields.Boolean(
        "Pickup Point", help="Customers may collect their orders here.")

    @api.constrains("omni_routing_minutes_per_order", "omni_routing_minutes_per_line",
                    "omni_routing_labour_rate", "omni_routing_capacity_orders",
                    "omni_routing_capacity_units", "omni_routing_cutoff_hour")
    def _check_omni_routing(self):
        for warehouse in self:
            if min(warehouse.omni_routing_minutes_per_order,
                   warehouse.omni_routing_minutes_per_line, warehouse.omni_routing_labour_rate,
                   warehouse.omni_routing_capacity_orders,
                   warehouse.omni_routing_capacity_units) < 0:
                raise ValidationError(self.env._(
                    "The routing figures of %s cannot be negative.", warehouse.name))
            if not 0 <= warehouse.omni_routing_cutoff_hour <= 24:
                raise ValidationError(self.env._(
                    "The cut-off time of %s must be between 0:00 and 24:00.", warehouse.name))
