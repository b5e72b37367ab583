from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OmniChannel(models.Model):
    _inherit = "omni.channel"

    routing_enabled = fields.Boolean(
        "Route Orders", tracking=True,
        help="Confirmed sale orders of this channel go to the source nodes that serve them "
        "at the least cost, line by line, instead of the order's warehouse.")
    routing_max_splits = fields.Integer(
        "Maximum Splits", default=2, tracking=True,
        help="At most this many extra shipments per order (0: one node ships everything).")
    routing_split_penalty = fields.Float(
        "Split Penalty", default=3.0, tracking=True,
        help="Cost of each extra shipment beyond the first (packaging, customer experience).")
    routing_failure_penalty = fields.Float(
        "Failed Promise Penalty", default=25.0, tracking=True,
        help="Cost of a line a node then cannot pick; weighted by (1 - the node's measured "
        "accuracy).")
    routing_ageing_bonus = fields.Float(
        "Ageing Bonus (per unit and day)", default=0.02, tracking=True,
        help="Saved per unit and day of age beyond the ageing threshold when a node sells "
        "its old stock.")
    routing_ageing_days = fields.Integer("Ageing Threshold (days)", default=60, tracking=True)
    routing_fallback_per_km = fields.Float(
        "Fallback Shipping per km", default=0.02,
        help="When no rate of the table covers a distance: base + this per km.")
    routing_fallback_base = fields.Float("Fallback Shipping Base", default=5.0)

    @api.constrains("routing_max_splits", "routing_split_penalty", "routing_failure_penalty",
                    "routing_ageing_bonus", "routing_ageing_days", "routing_fallback_per_km",
                    "routing_fallback_base")
    def _check_routing(self):
        for channel in self:
            if not 0 <= channel.routing_max_splits <= 4:
                raise ValidationError(self.env._(
                    "The maximum splits of %s must be between 0 and 4.", channel.name))
            if min(channel.routing_split_penalty, channel.routing_failure_penalty,
                   channel.routing_ageing_bonus, channel.routing_ageing_days,
                   channel.routing_fallback_per_km, channel.routing_fallback_base) < 0:
                raise ValidationError(self.env._(
                    "The routing costs of %s cannot be negative.", channel.name))
