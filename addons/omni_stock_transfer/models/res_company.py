# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    omni_break_glass_days = fields.Integer(
        "Emergency Purchase Approval Deadline (days)", default=2,
        help="An emergency purchase confirmed at once must be approved within this many "
        "days; later, it is listed as overdue and raises an alert.")

    omni_transfer_request_required = fields.Boolean(
        "Store Transfers Only Through Requests",
        help="Goods leave a warehouse or store for the transit location only through an "
        "approved store transfer request: any other transfer into transit is refused when "
        "validated (whatever the route: form, RPC, scheduler).")

    _sql_constraints = [
        ("omni_break_glass_days_positive", "CHECK(omni_break_glass_days >= 0)",
         "The emergency purchase approval deadline cannot be negative."),
    ]
