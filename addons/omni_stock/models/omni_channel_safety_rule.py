from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OmniChannelSafetyRule(models.Model):
    """Safety stock for a product or a product category in one channel."""

    _name = "omni.channel.safety.rule"
    _description = "Channel Safety Stock Rule"
    _order = "channel_id, product_id, categ_id"

    channel_id = fields.Many2one("omni.channel", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="channel_id.company_id", store=True)
    product_id = fields.Many2one("product.product", ondelete="cascade")
    categ_id = fields.Many2one("product.category", string="Product Category", ondelete="cascade")
    safety_qty = fields.Float(string="Safety Stock", required=True, default=0.0)

    _sql_constraints = [
        ("target_xor", "CHECK ((product_id IS NULL) <> (categ_id IS NULL))",
         "A safety rule applies to either a product or a category."),
    ]

    @api.constrains("safety_qty")
    def _check_safety_qty(self):
        if any(rule.safety_qty < 0 for rule in self):
            raise ValidationError(self.env._("Safety stock cannot be negative."))
