# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.addons.omni_stock.tools.guard import status_doors


class StockScrap(models.Model):
    _inherit = "stock.scrap"

    def _omni_apply_scrap(self, request=None):
        """The scrap of a return's disposition opens the disposition door, also when
        an approver applies it later (the link is written by the return's workflow
        only)."""
        # earned: only whether these scraps are returns' (the disposition door for them)
        rmas = self.env["omni.stock.return"].sudo().search([("scrap_id", "in", self.ids)])
        if rmas and set(rmas.scrap_id.ids) == set(self.ids):
            with status_doors.open("disposition"):
                return super()._omni_apply_scrap(request=request)
        return super()._omni_apply_scrap(request=request)
