from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import routing_cost


class OmniStockRoutingRate(models.Model):
    """A carrier's price for one zone (a distance band from the node to the customer)."""

    _name = "omni.stock.routing.rate"
    _description = "Routing Shipping Rate"
    _order = "max_km, base_price, id"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True)
    carrier = fields.Char(required=True)
    zone = fields.Char(help="A name for the distance band (local, regional, national).")
    max_km = fields.Float("Up to (km)", required=True)
    base_price = fields.Float("First Unit", required=True)
    unit_price = fields.Float("Each Further Unit")
    transit_days = fields.Integer(default=1, required=True)
    active = fields.Boolean(default=True)

    @api.constrains("max_km", "base_price", "unit_price", "transit_days")
    def _check_rate(self):
        for rate in self:
            if rate.max_km <= 0 or min(rate.base_price, rate.unit_price, rate.transit_days) < 0:
                raise ValidationError(self.env._(
                    "A rate covers a positive distance, at prices and days that are not "
                    "negative (%s).", rate.carrier))

    def _cost_rates(self):
        return tuple(routing_cost.Rate(r.carrier, r.max_km, r.base_price, r.unit_price,
                                       r.transit_days) for r in self)
