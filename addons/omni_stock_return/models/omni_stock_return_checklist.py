# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class OmniStockReturnChecklistItem(models.Model):
    """What an inspector checks on a returned product of a category (and its children)."""

    _name = "omni.stock.return.checklist.item"
    _description = "Return Inspection Checklist Item"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    categ_id = fields.Many2one("product.category", "Product Category", required=True,
                               ondelete="cascade", index=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", help="Empty: every company.")


class OmniStockReturnCheck(models.Model):
    """One checklist item of one inspection."""

    _name = "omni.stock.return.check"
    _description = "Return Inspection Check"
    _order = "sequence, id"

    return_id = fields.Many2one("omni.stock.return", required=True, ondelete="cascade",
                                index=True)
    company_id = fields.Many2one(related="return_id.company_id", store=True)
    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    passed = fields.Boolean()

    def write(self, vals):
        if self.return_id.filtered(lambda r: r.state != "received"):
            raise UserError(self.env._("The checklist is filled in while the return is inspected."))
        return super().write(vals)
