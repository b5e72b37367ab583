from odoo import api, fields, models


class OmniStockRoutingOverride(models.TransientModel):
    """A manager sends an order's open lines to another node, with the reason (logged)."""

    _name = "omni.stock.routing.override"
    _description = "Override an Order's Routing"

    order_id = fields.Many2one("sale.order", required=True, readonly=True)
    company_id = fields.Many2one(related="order_id.company_id")
    line_ids = fields.Many2many(
        "sale.order.line", string="Lines",
        domain="[('order_id', '=', order_id), ('display_type', '=', False)]",
        help="Default: every line still to ship.")
    warehouse_id = fields.Many2one("stock.warehouse", "Send To", required=True,
                                   check_company=True)
    note = fields.Text("Reason", required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "sale.order":
            values.setdefault("order_id", self.env.context.get("active_id"))
        return values

    def action_apply(self):
        self.ensure_one()
        self.order_id.action_omni_routing_override(
            self.warehouse_id, self.line_ids or None, self.note)
        return {"type": "ir.actions.act_window_close"}
