# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    def _omni_open_doors(self):
        """A return's vendor delivery (made by its disposition, shipped later by
        anyone) opens the disposition door for its own goods going to a vendor."""
        doors = super()._omni_open_doors()
        pickings = self.picking_id
        if not pickings:
            return doors
        returns = self.env["omni.stock.return"].sudo().search([
            ("transfer_ids", "in", pickings.ids), ("disposition", "=", "vendor"),
            ("state", "=", "disposed")])
        for line in self:
            if line.location_dest_id.usage == "supplier" and returns.filtered(
                    lambda r, ml=line: ml.picking_id in r.transfer_ids
                    and r.product_id == ml.product_id):
                doors[line.id].add("disposition")
        return doors
