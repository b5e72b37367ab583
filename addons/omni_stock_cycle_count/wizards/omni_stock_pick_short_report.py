# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class OmniStockPickShortReport(models.TransientModel):
    """"Report short" on a transfer: how much of a product is missing where."""

    _name = "omni.stock.pick.short.report"
    _description = "Report a Pick Short"

    picking_id = fields.Many2one("stock.picking", "Transfer", required=True)
    move_id = fields.Many2one("stock.move", "Transfer Line", required=True,
                              domain="[('picking_id', '=', picking_id)]")
    product_id = fields.Many2one(related="move_id.product_id")
    location_id = fields.Many2one(
        "stock.location", "Picked From", required=True,
        domain="[('usage', '=', 'internal')]",
    )
    quantity = fields.Float("Missing Quantity", digits="Product Unit of Measure", required=True)

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        picking = self.env["stock.picking"].browse(
            res.get("picking_id") or self.env.context.get("active_id"))
        if picking.exists() and self.env.context.get("active_model") == "stock.picking":
            res["picking_id"] = picking.id
            move = picking.move_ids[:1]
            if move:
                res["move_id"] = move.id
                res["location_id"] = (move.move_line_ids[:1].location_id
                                      or move.location_id).id
        return res

    @api.onchange("move_id")
    def _onchange_move_id(self):
        if self.move_id:
            move = self.move_id
            self.location_id = move.move_line_ids[:1].location_id or move.location_id

    def action_report(self):
        self.ensure_one()
        if self.move_id.picking_id != self.picking_id:
            raise UserError(self.env._("Choose a product of this transfer."))
        self.env["omni.stock.pick.short"]._omni_report(
            self.move_id.product_id, self.location_id, self.quantity, move=self.move_id)
        return {"type": "ir.actions.act_window_close"}
