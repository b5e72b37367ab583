# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from ..tools import internal_stock_operation, is_internal

# what a done move moved, from where to where and when
DONE_FIELDS = {
    "state",
    "product_id",
    "product_uom",
    "quantity",
    "location_id",
    "location_dest_id",
    "date",
    "company_id",
}


class StockMove(models.Model):
    """Moves are done only by :meth:`_action_done` (whose lines are checked in
    ``stock.move.line._action_done``) and stay as they were done."""

    _inherit = "stock.move"

    @api.model_create_multi
    def create(self, vals_list):
        if not is_internal(self.env):
            pickings = self.env["stock.picking"].browse(
                [vals["picking_id"] for vals in vals_list if vals.get("picking_id")]
            )
            if any(vals.get("state") == "done" for vals in vals_list) or "done" in pickings.mapped(
                "state"
            ):
                self.env["stock.move.line"]._omni_refuse_done_edit()
        return super().create(vals_list)

    def write(self, vals):
        if not is_internal(self.env) and (
            vals.get("state") == "done"
            or DONE_FIELDS & set(vals)
            and "done" in self.mapped("state")
        ):
            self.env["stock.move.line"]._omni_refuse_done_edit()
        return super().write(vals)

    def _action_done(self, cancel_backorder=False):
        with internal_stock_operation():
            return super()._action_done(cancel_backorder=cancel_backorder)
