# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

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
    _inherit = "omni.stock.adjustment.threshold.override.mixin"
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

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "The reason code must be unique."),
    ]

    @api.depends("code", "name")
    def _compute_display_name(self):
        for reason in self:
            reason.display_name = f"[{reason.code}] {reason.name}" if reason.code else reason.name

    @api.model
    def _omni_resolve(self, reason, company):
        """The adjustment reason given for a change in ``company``, as a record.

        ``reason`` may be a record, an id (e.g. from the context) or falsy. A
        missing, unknown, archived or other company's reason is one rule with
        one error. Never trusts the caller.
        """
        if isinstance(reason, models.BaseModel):
            reason = reason.id
        try:
            # earned: a validator: only the reason's state and company are read, to refuse it
            record = self.browse(int(reason or 0)).sudo().exists()
        except (TypeError, ValueError):
            record = self.browse()
        if (
            not record
            or not record.active
            or (record.company_id and company and record.company_id != company)
        ):
            raise ValidationError(
                self.env._(
                    "An adjustment reason is required to change stock quantities outside "
                    "normal operations: choose an active reason of %(company)s and try again.",
                    company=(company or self.env.company).display_name,
                )
            )
        return record.with_env(self.env)

    def _omni_check_note(self, note):
        """Refuse an empty note for a reason that requires one."""
        for reason in self.filtered("note_required"):
            if not (note or "").strip():
                raise ValidationError(
                    self.env._("Reason %(reason)s requires a note.", reason=reason.display_name)
                )

    def _omni_limits(self, company, warehouse):
        """(quantity, value, window) limits of an adjustment with this reason in
        ``warehouse``: the reason's own, else the warehouse's, else the
        company's. 0 means no limit."""
        for source in (self, warehouse):
            if source._omni_adj_overrides():
                return source._omni_adj_limits()
        return company._omni_adj_limits()
