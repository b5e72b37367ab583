# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

DISPOSITIONS = [
    ("resell", "Resell"),
    ("refurbish", "Refurbish"),
    ("vendor", "Return to Vendor"),
    ("scrap", "Scrap"),
]


class OmniStockReturnGrade(models.Model):
    """The condition an inspector finds, and what is done with it by default."""

    _name = "omni.stock.return.grade"
    _description = "Return Grade"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    disposition = fields.Selection(
        DISPOSITIONS, "Default Disposition", required=True,
        help="Proposed to the inspector; an override needs a note.")
    company_id = fields.Many2one("res.company", help="Empty: every company.")
