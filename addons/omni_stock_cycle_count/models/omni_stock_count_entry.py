# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmniStockCountEntry(models.Model):
    """What one counter counted for one line in one round: entries add up."""

    _name = "omni.stock.count.entry"
    _description = "Cycle Count Entry"
    _order = "id"

    line_id = fields.Many2one("omni.stock.count.line", required=True, ondelete="cascade",
                              index=True, readonly=True)
    company_id = fields.Many2one(related="line_id.company_id", store=True, index=True)
    user_id = fields.Many2one("res.users", "Counter", required=True, readonly=True)
    quantity = fields.Float(digits="Product Unit of Measure", readonly=True)
    round = fields.Integer(default=1, readonly=True)
    date = fields.Datetime(default=fields.Datetime.now, readonly=True)
