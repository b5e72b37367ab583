# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError

from ..tools import is_trusted

# fields whose change on a done move line changes quants
QUANT_FIELDS = {
    "quantity",
    "product_uom_id",
    "lot_id",
    "lot_name",
    "location_id",
    "location_dest_id",
    "package_id",
    "result_package_id",
    "owner_id",
}


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    def _omni_refuse_done_edit(self):
        raise UserError(
            self.env._(
                "Done stock operations cannot be edited: that would change stock without a "
                "reason. Record the correction as an inventory adjustment with a reason."
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not is_trusted(self.env):
            move_ids = [vals["move_id"] for vals in vals_list if vals.get("move_id")]
            moves = self.env["stock.move"].browse(move_ids)
            if any(move.state == "done" for move in moves):
                self._omni_refuse_done_edit()
        return super().create(vals_list)

    def write(self, vals):
        if (
            QUANT_FIELDS & set(vals)
            and not is_trusted(self.env)
            and any(line.state == "done" for line in self)
        ):
            self._omni_refuse_done_edit()
        return super().write(vals)
