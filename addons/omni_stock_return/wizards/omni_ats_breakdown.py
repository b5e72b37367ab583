# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmniAtsBreakdownLine(models.TransientModel):
    _inherit = "omni.ats.breakdown.line"

    returns_expected = fields.Float(
        "Expected from Returns", readonly=True, digits="Product Unit of Measure",
        help="Units awaiting inspection × their category's resale yield: probable "
        "supply, never sold.")
