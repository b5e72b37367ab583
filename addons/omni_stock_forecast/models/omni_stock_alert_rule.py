# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

ANOMALY_KINDS = [
    ("shrink_anomaly", "Shrink anomaly"),
    ("suspicious_adjustment", "Suspicious adjustments"),
    ("return_anomaly", "Return abuse"),
    ("transfer_anomaly", "Unusual transfer"),
]
ANOMALY_CODES = tuple(code for code, _label in ANOMALY_KINDS)


class OmniStockAlertRule(models.Model):
    _inherit = "omni.stock.alert.rule"

    kind = fields.Selection(
        selection_add=ANOMALY_KINDS, ondelete=dict.fromkeys(ANOMALY_CODES, "cascade"))
    min_score = fields.Float(
        default=3.5, help="Anomalies: the robust score (deviations from the median, MAD "
        "scaled) from which an alert is raised.")
    weekly_budget = fields.Integer(
        default=5, help="Anomalies: at most this many alerts of the kind per store and "
        "week, the highest scores first (0: no limit).")
    near_threshold = fields.Float(
        default=0.1, help="Suspicious adjustments: an adjustment within this share under "
        "the approval threshold (0.1: the last 10 %) is 'just under' it.")
    work_hour_from = fields.Integer(default=7, help="Anomalies: working hours start (local).")
    work_hour_to = fields.Integer(default=21, help="Anomalies: working hours end (local).")
    round_unit = fields.Integer(
        default=50, help="Unusual transfers: a quantity that is a multiple of this is a "
        "round number.")

    @api.constrains("min_score", "weekly_budget", "near_threshold", "work_hour_from",
                    "work_hour_to", "round_unit")
    def _check_anomaly_parameters(self):
        for rule in self:
            if (rule.min_score < 0 or rule.weekly_budget < 0 or rule.round_unit < 1
                    or not 0 <= rule.near_threshold < 1
                    or not 0 <= rule.work_hour_from <= rule.work_hour_to <= 24):
                raise ValidationError(self.env._(
                    "Alert rule %s: the score and budget cannot be negative, the share "
                    "under the threshold is below 1, the round unit at least 1 and the "
                    "working hours within 0-24.", rule.name))
