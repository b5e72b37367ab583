# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import float_compare


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    def _omni_open_doors(self):
        """A return's vendor delivery (made by its disposition, shipped later by
        anyone) opens the disposition door for its own goods going to a vendor (the
        link is written by the return's workflow only)."""
        doors = super()._omni_open_doors()
        to_vendor = self.filtered(lambda ml: ml.picking_id
                                  and ml.location_dest_id.usage == "supplier")
        if not to_vendor:
            return doors
        # earned: only whether these lines carry a return's own goods (a door for them)
        returns = self.env["omni.stock.return"].sudo().search([
            ("transfer_ids", "in", to_vendor.picking_id.ids), ("disposition", "=", "vendor"),
            ("state", "=", "disposed")])
        for (picking, product), lines in to_vendor.grouped(
                lambda ml: (ml.picking_id, ml.product_id)).items():
            owned = returns.filtered(lambda r, p=picking, pr=product: p in r.transfer_ids
                                     and r.product_id == pr)
            # the returns' own goods, not more of the product added to their delivery
            if owned and float_compare(
                    sum(lines.mapped("quantity_product_uom")), sum(owned.mapped("quantity")),
                    precision_rounding=product.uom_id.rounding) <= 0:
                for line in lines:
                    doors[line.id].add("disposition")
        return doors
