# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

ABC_CLASSES = [("A", "A"), ("B", "B"), ("C", "C")]


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    # ABC classification
    omni_abc_share_a = fields.Float("A Share (%)", default=80.0)
    omni_abc_share_b = fields.Float("B Share (%)", default=15.0)
    omni_abc_share_c = fields.Float("C Share (%)", default=5.0)
    omni_abc_window_days = fields.Integer("Classification Window (days)", default=90)
    # count plan
    omni_count_freq_a = fields.Integer("Count A Every (days)", default=30)
    omni_count_freq_b = fields.Integer("Count B Every (days)", default=90)
    omni_count_freq_c = fields.Integer("Count C Every (days)", default=180)
    omni_count_capacity = fields.Integer(
        "Daily Count Capacity (lines)", default=50,
        help="How many count lines the warehouse's staff can count per working day.",
    )
    omni_count_weekends = fields.Boolean(
        "Count on Weekends", help="Plan counts on Saturdays and Sundays too."
    )
    # tolerances: a count line within them is a hit; above them it is recounted
    omni_count_tol_qty_a = fields.Float("Tolerance A (qty)", default=0.0)
    omni_count_tol_qty_b = fields.Float("Tolerance B (qty)", default=1.0)
    omni_count_tol_qty_c = fields.Float("Tolerance C (qty)", default=2.0)
    omni_count_tol_value_a = fields.Float("Tolerance A (value)", default=0.0)
    omni_count_tol_value_b = fields.Float("Tolerance B (value)", default=50.0)
    omni_count_tol_value_c = fields.Float("Tolerance C (value)", default=100.0)
    # measured accuracy
    omni_accuracy_window_days = fields.Integer("Accuracy Window (days)", default=90)
    omni_accuracy_target = fields.Float(
        "Target Accuracy (%)", default=95.0,
        help="A location measured below it gets a count task at once.",
    )

    @api.constrains(
        "omni_abc_share_a", "omni_abc_share_b", "omni_abc_share_c", "omni_abc_window_days",
        "omni_count_freq_a", "omni_count_freq_b", "omni_count_freq_c", "omni_count_capacity",
        "omni_accuracy_window_days", "omni_accuracy_target",
    )
    def _check_omni_count_settings(self):
        for wh in self:
            shares = (wh.omni_abc_share_a, wh.omni_abc_share_b, wh.omni_abc_share_c)
            if any(share < 0 for share in shares) or abs(sum(shares) - 100.0) > 0.01:
                raise ValidationError(
                    self.env._("The A, B and C shares of %(wh)s must be positive and add up "
                               "to 100%%.", wh=wh.display_name))
            positive = (wh.omni_abc_window_days, wh.omni_count_freq_a, wh.omni_count_freq_b,
                        wh.omni_count_freq_c, wh.omni_count_capacity,
                        wh.omni_accuracy_window_days)
            if any(value <= 0 for value in positive):
                raise ValidationError(
                    self.env._("Windows, count frequencies and the daily capacity of %(wh)s "
                               "must be positive.", wh=wh.display_name))
            if not 0 <= wh.omni_accuracy_target <= 100:
                raise ValidationError(
                    self.env._("The target accuracy must be between 0 and 100%%."))

    def _omni_count_frequency(self, abc_class):
        self.ensure_one()
        return self[f"omni_count_freq_{(abc_class or 'C').lower()}"]

    def _omni_count_tolerance(self, abc_class):
        """(quantity, value) tolerance of a count line of ``abc_class``."""
        self.ensure_one()
        key = (abc_class or "C").lower()
        return self[f"omni_count_tol_qty_{key}"], self[f"omni_count_tol_value_{key}"]
