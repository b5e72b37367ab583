from odoo import fields, models


class OmniStockRoutingAssignment(models.Model):
    """A quantity of an order line sent to one node by a decision."""

    _name = "omni.stock.routing.assignment"
    _description = "Routing Assignment"
    _order = "decision_id, id"

    decision_id = fields.Many2one("omni.stock.routing.decision", required=True,
                                  ondelete="cascade", index=True, readonly=True)
    order_id = fields.Many2one(related="decision_id.order_id", store=True, index=True)
    company_id = fields.Many2one(related="decision_id.company_id", store=True, index=True)
    sale_line_id = fields.Many2one("sale.order.line", readonly=True, index=True,
                                   ondelete="cascade")
    product_id = fields.Many2one("product.product", readonly=True, required=True)
    quantity = fields.Float(readonly=True, digits="Product Unit of Measure")
    warehouse_id = fields.Many2one("stock.warehouse", "Node", readonly=True, required=True,
                                   index=True)
    capacity_date = fields.Date(readonly=True, help="The day whose capacity it uses.")
    promise_date = fields.Date(readonly=True)
    carrier = fields.Char(readonly=True)
    pickup = fields.Boolean(readonly=True)
    state = fields.Selection([("active", "Active"), ("rerouted", "Re-routed"),
                              ("cancelled", "Cancelled")], default="active",
                             required=True, readonly=True, index=True)
