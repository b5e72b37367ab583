from odoo import models

from ..tools.geocoding import geocoding_blocked


class ResPartner(models.Model):
    _inherit = "res.partner"

    def geo_localize(self):
        # the pickup picker of a shop with a sales channel uses stored coordinates only
        if geocoding_blocked():
            return False
        return super().geo_localize()
