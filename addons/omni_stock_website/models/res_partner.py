from odoo import models

from ..tools.geocoding import no_geocoding


class ResPartner(models.Model):
    _inherit = "res.partner"

    def geo_localize(self):
        # the pickup picker of a shop with a sales channel uses stored coordinates only
        if no_geocoding.is_set():
            return False
        return super().geo_localize()
