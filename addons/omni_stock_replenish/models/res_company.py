# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    omni_repl_service_a = fields.Float(
        "Fill Rate Target A", default=0.975,
        help="Share of the demand of class A products served from the shelf: the "
             "safety stock is set so that the units short per order cycle are at most "
             "(1 − target) × the order quantity.")
    omni_repl_service_b = fields.Float("Fill Rate Target B", default=0.96)
    omni_repl_service_c = fields.Float("Fill Rate Target C", default=0.92)
    omni_repl_review_days = fields.Integer(
        "Review Period (days)", default=7,
        help="Days between two orders: max = min + demand over this period.")
    omni_repl_default_lead_days = fields.Float(
        "Lead Time Without Data (days)", default=7.0,
        help="Used when the product has no vendor with receipts and no vendor delay.")
    omni_repl_overstock_weeks = fields.Float(
        "Overstock Above (weeks of cover)", default=12.0)
    omni_repl_age_days = fields.Integer(
        "Ageing Stock After (days)", default=180,
        help="Stock whose last receipt is older than this is ageing.")
    omni_repl_balance_weeks = fields.Float(
        "Balancing: Donor Above (weeks of cover)", default=6.0,
        help="A node gives stock to nodes below safety stock when it holds more than "
             "this many weeks of cover.")
    omni_repl_transfer_cost = fields.Float(
        "Transfer Cost per Unit", default=1.0,
        help="Cost of moving one unit between two nodes (handling and transport).")
    omni_repl_lt_tolerance_days = fields.Integer(
        "Lead Time Tolerance (days)", default=1,
        help="A receipt at most this many days after the promised date is on time.")

    @api.constrains("omni_repl_service_a", "omni_repl_service_b", "omni_repl_service_c")
    def _check_omni_repl_service_levels(self):
        for company in self:
            levels = (company.omni_repl_service_a, company.omni_repl_service_b,
                      company.omni_repl_service_c)
            if any(not 0.5 <= level < 1.0 for level in levels):
                raise ValidationError(self.env._(
                    "A fill rate target is at least 50 % and below 100 %."))

    def _omni_repl_service_level(self, abc_class):
        """The fill rate target of an ABC class (the count addon stores "A", "B",
        "C"; any case is read; C when unclassified)."""
        self.ensure_one()
        return {"A": self.omni_repl_service_a, "B": self.omni_repl_service_b}.get(
            (abc_class or "C").upper(), self.omni_repl_service_c)
