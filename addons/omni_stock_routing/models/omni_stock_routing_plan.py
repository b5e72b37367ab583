from odoo import fields, models


class OmniStockRoutingPlan(models.Model):
    """One ranked plan of a decision, its cost by component."""

    _name = "omni.stock.routing.plan"
    _description = "Ranked Routing Plan"
    _order = "decision_id, rank"

    decision_id = fields.Many2one("omni.stock.routing.decision", required=True,
                                  ondelete="cascade", index=True, readonly=True)
    company_id = fields.Many2one(related="decision_id.company_id", store=True, index=True)
    rank = fields.Integer(readonly=True)
    chosen = fields.Boolean(readonly=True)
    warehouse_ids = fields.Many2many("stock.warehouse", string="Nodes", readonly=True)
    nodes = fields.Char("Plan", readonly=True)
    shipping = fields.Float(readonly=True, digits=(16, 2))
    labour = fields.Float(readonly=True, digits=(16, 2))
    split = fields.Float("Split Penalty", readonly=True, digits=(16, 2))
    risk = fields.Float("Failed-Promise Risk", readonly=True, digits=(16, 2))
    ageing = fields.Float("Ageing Bonus", readonly=True, digits=(16, 2))
    total = fields.Float(readonly=True, digits=(16, 2))
    days = fields.Integer("Days to Customer", readonly=True)
    splits = fields.Integer(readonly=True)
