# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

CATEGORIES = [
    ("count", "Count correction"),
    ("damage", "Damage"),
    ("shrink", "Shrink / theft"),
    ("found", "Found stock"),
    ("data_entry", "Data-entry error"),
    ("claim", "Supplier / customer claim"),
    ("other", "Other"),
]


class OmniStockAdjustmentReason(models.Model):
    _name = "omni.stock.adjustment.reason"
    _description = "Stock Adjustment Reason"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    category = fields.Selection(CATEGORIES, required=True, default="count")
    note_required = fields.Boolean(
        help="Adjustments with this reason are refused without an explanatory note."
    )
    company_id = fields.Many2one(
        "res.company", help="Leave empty to share the reason between companies."
    )
    override_thresholds = fields.Boolean(
        "Own Approval Thresholds",
        help="Use the thresholds below instead of the warehouse's or the company's.",
    )
    threshold_qty = fields.Float(
        "Quantity Threshold",
        digits="Product Unit of Measure",
        help="Adjustments whose absolute quantity exceeds this need approval. 0 = no limit.",
    )
    threshold_value = fields.Float(
        "Value Threshold",
        help="Adjustments whose absolute value (cost x quantity) exceeds this need "
        "approval. 0 = no limit.",
    )

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "The reason code must be unique."),
        (
            "thresholds_positive",
            "CHECK(threshold_qty >= 0 AND threshold_value >= 0)",
            "Approval thresholds cannot be negative.",
        ),
    ]

    @api.depends("code", "name")
    def _compute_display_name(self):
        for reason in self:
            reason.display_name = f"[{reason.code}] {reason.name}" if reason.code else reason.name

    @api.model
    def _omni_resolve(self, reason, note, company):
        """Validate the reason given for an adjustment and return it (a record).

        ``reason`` may be a record, an id (e.g. from the context) or falsy.
        Raises when it is missing, unknown, archived, of another company or
        when its mandatory note is empty. Never trusts the caller.
        """
        if not reason:
            raise UserError(
                self.env._(
                    "A reason is required to change stock quantities outside normal "
                    "operations. Choose an adjustment reason and try again."
                )
            )
        if not isinstance(reason, models.BaseModel):
            try:
                reason = self.browse(int(reason))
            except (TypeError, ValueError) as err:
                raise ValidationError(self.env._("Unknown adjustment reason %r.", reason)) from err
        reason = reason.sudo().exists()
        if not reason or not reason.active:
            raise ValidationError(self.env._("Unknown or archived adjustment reason."))
        if reason.company_id and company and reason.company_id != company:
            raise ValidationError(
                self.env._(
                    "Reason %(reason)s belongs to another company.", reason=reason.display_name
                )
            )
        if reason.note_required and not (note or "").strip():
            raise ValidationError(
                self.env._("Reason %(reason)s requires a note.", reason=reason.display_name)
            )
        return reason.with_env(self.env)

    def _omni_thresholds(self, company, warehouse=None):
        """(quantity threshold, value threshold) for this reason: the reason's own,
        else the warehouse's, else the company's. 0 means no limit."""
        self.ensure_one()
        if self.override_thresholds:
            return self.threshold_qty, self.threshold_value
        if warehouse and warehouse.omni_adj_override_thresholds:
            return warehouse.omni_adj_threshold_qty, warehouse.omni_adj_threshold_value
        return company.omni_adj_threshold_qty, company.omni_adj_threshold_value

    def _omni_needs_approval(self, delta, value, company, warehouse=None, rounding=0.01):
        qty_limit, value_limit = self._omni_thresholds(company, warehouse)
        if qty_limit and float_compare(abs(delta), qty_limit, precision_rounding=rounding) > 0:
            return True
        return bool(
            value_limit
            and float_compare(
                abs(value), value_limit, precision_rounding=company.currency_id.rounding
            )
            > 0
        )
