# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmniChannel(models.Model):
    _inherit = "omni.channel"

    omni_forecast_own_demand = fields.Boolean(
        "Forecast Its Own Demand",
        help="The channel's orders make demand series of their own (per product and "
        "warehouse) instead of counting in the warehouse's series: for a channel whose "
        "demand does not follow the store's (a marketplace shipped from the central "
        "warehouse).")
