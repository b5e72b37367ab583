from odoo import fields, models

KINDS = [("route", "Routed"), ("reroute", "Re-routed"), ("override", "Manager override")]
STATES = [("done", "Assigned"), ("unroutable", "No node can serve it")]


class OmniStockRoutingDecision(models.Model):
    """Where an order (or what remained of it) was sent, the ranked plans and why."""

    _name = "omni.stock.routing.decision"
    _description = "Order Routing Decision"
    _order = "id desc"
    _rec_name = "order_id"
    _check_company_auto = True

    order_id = fields.Many2one("sale.order", required=True, readonly=True, index=True,
                               ondelete="cascade", check_company=True)
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    channel_id = fields.Many2one("omni.channel", readonly=True, index=True,
                                 check_company=True)
    kind = fields.Selection(KINDS, required=True, readonly=True, default="route")
    state = fields.Selection(STATES, required=True, readonly=True, default="done", index=True)
    reason = fields.Text(readonly=True, help="The decision in words.")
    note = fields.Text(readonly=True, help="Why it was re-routed or overridden.")
    user_id = fields.Many2one("res.users", readonly=True, default=lambda self: self.env.user)
    plan_ids = fields.One2many("omni.stock.routing.plan", "decision_id", readonly=True)
    assignment_ids = fields.One2many("omni.stock.routing.assignment", "decision_id",
                                     readonly=True)
    total_cost = fields.Float(readonly=True, digits=(16, 2))
    splits = fields.Integer(readonly=True)
    promise_date = fields.Date(readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
