# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    omni_consign_move_line_id = fields.Many2one(
        "stock.move.line", string="Consigned Stock Move", readonly=True, copy=False,
        index="btree_not_null", ondelete="restrict",
        help="The consigned units this settlement line pays for (negative: returned).")

    _sql_constraints = [
        ("omni_consign_move_line_uniq", "unique(omni_consign_move_line_id)",
         "A consigned stock move is settled once."),
    ]
