import math

from odoo import fields, models

EARTH_RADIUS_KM = 6371.0


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    # the warehouse address's coordinates (entered, never geocoded: no service is
    # reachable from the stores' servers); the shop's pickup reads the same ones
    omni_latitude = fields.Float(
        string="Latitude", related="partner_id.partner_latitude", readonly=False,
        digits=(10, 7))
    omni_longitude = fields.Float(
        string="Longitude", related="partner_id.partner_longitude", readonly=False,
        digits=(10, 7))

    def _omni_has_coordinates(self):
        self.ensure_one()
        return bool(self.omni_latitude or self.omni_longitude)

    def _omni_distance_km(self, other):
        """Great-circle distance to ``other`` in km, or ``None`` without coordinates."""
        self.ensure_one()
        if not (self._omni_has_coordinates() and other._omni_has_coordinates()):
            return None
        lat1, lon1, lat2, lon2 = map(math.radians, (
            self.omni_latitude, self.omni_longitude, other.omni_latitude, other.omni_longitude))
        a = (math.sin((lat2 - lat1) / 2) ** 2
             + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
        return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))
