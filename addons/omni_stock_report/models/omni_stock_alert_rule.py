# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

ALERT_KINDS = [
    ("negative_stock", "Negative stock"),
    ("unusual_adjustment", "Unusual adjustment"),
    ("late_receipt", "Late receipt"),
    ("count_variance", "High count variance"),
    ("excess_return", "Duplicate or excess return"),
]


class OmniStockAlertRule(models.Model):
    """How one kind of exception alert is detected and who is told.

    One record per kind (data); the detection is ``omni.stock.alert._alert_<kind>``.
    """

    _name = "omni.stock.alert.rule"
    _description = "Stock Alert Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(ALERT_KINDS, required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    group_id = fields.Many2one(
        "res.groups", "Role", help="Users of this group (in the alert's company) get an activity."
    )
    user_id = fields.Many2one(
        "res.users", "Responsible", help="When set, only this user gets the activity."
    )
    factor = fields.Float(
        default=3.0,
        help="Unusual adjustments: a value or a daily count above this multiple of the "
        "store's or user's own average.",
    )
    history_days = fields.Integer(default=90, help="Unusual adjustments: history window.")
    min_history = fields.Integer(
        default=5, help="Unusual adjustments: fewest past adjustments to compare with."
    )
    min_count = fields.Integer(
        default=5, help="Unusual adjustments: fewest adjustments in a day for a frequency alert."
    )
    min_value = fields.Float(
        help="Unusual adjustments: smallest value worth an alert. High count variance: "
        "value of count corrections in the window that raises the alert."
    )
    lookback_days = fields.Integer(
        default=2, help="Unusual adjustments: how far back each scan looks for new entries."
    )
    late_days = fields.Integer(default=1, help="Late receipts: days past the scheduled date.")
    window_days = fields.Integer(default=30, help="High count variance: window in days.")
    last_scan = fields.Datetime(readonly=True)

    _sql_constraints = [("kind_uniq", "unique(kind)", "One rule per alert kind.")]

    @api.constrains("factor", "history_days", "min_history", "min_count", "min_value",
                    "lookback_days", "late_days", "window_days")
    def _check_parameters(self):
        for rule in self:
            if rule.factor < 1 or min(rule.history_days, rule.lookback_days,
                                      rule.window_days) < 1:
                raise ValidationError(self.env._(
                    "Alert rule %s: the factor must be at least 1 and every window at least "
                    "one day.", rule.name))
            if min(rule.min_history, rule.min_count, rule.late_days, rule.min_value) < 0:
                raise ValidationError(self.env._(
                    "Alert rule %s: thresholds cannot be negative.", rule.name))

    def _recipients(self, company):
        """Users who get the activity of an alert of ``company``."""
        self.ensure_one()
        if self.user_id:
            return self.user_id
        return self.group_id.users.filtered(
            lambda user: user.active and not user.share and company in user.company_ids
        )
