# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

LEGS = [
    ("physical_erp", "Physical vs ERP"),
    ("erp_layers", "ERP vs valuation layers (company)"),
    ("layers_gl", "Valuation layers vs general ledger"),
]
CAUSES = [
    ("pending_adjustment", "Adjustment pending approval"),
    ("count_not_applied", "Count not applied yet"),
    ("cutoff_move", "Move across the cut-off"),
    ("manual_entry", "Manual journal entry on a stock account"),
    ("unposted_layer", "Valuation without journal entry"),
    ("unexplained", "Unexplained"),
]
REVIEW_FIELDS = {"review_note"}


class OmniStockReconciliationLine(models.Model):
    """One difference of a reconciliation, with its cause when the suite knows it.

    Written by the reconciliation's compute; users only review (``review_note``)."""

    _name = "omni.stock.reconciliation.line"
    _description = "Stock Reconciliation Difference"
    _order = "reconciliation_id, leg, flagged desc, id"

    reconciliation_id = fields.Many2one(
        "omni.stock.reconciliation", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="reconciliation_id.company_id", store=True)
    currency_id = fields.Many2one(related="reconciliation_id.currency_id")
    leg = fields.Selection(LEGS, required=True, readonly=True)
    cause = fields.Selection(CAUSES, required=True, readonly=True)
    flagged = fields.Boolean(
        compute="_compute_flagged", store=True, help="No known cause: to investigate."
    )
    explanation = fields.Text(readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    location_id = fields.Many2one("stock.location", readonly=True)
    account_id = fields.Many2one("account.account", readonly=True)
    physical_qty = fields.Float("Physical", readonly=True, digits="Product Unit of Measure")
    erp_qty = fields.Float("ERP", readonly=True, digits="Product Unit of Measure")
    layer_qty = fields.Float("Layers Quantity", readonly=True, digits="Product Unit of Measure")
    difference_qty = fields.Float(
        "Difference (qty)", readonly=True, digits="Product Unit of Measure"
    )
    layer_value = fields.Monetary("Layers Value", readonly=True)
    gl_value = fields.Monetary("Account Balance", readonly=True)
    difference_value = fields.Monetary("Difference (value)", readonly=True)
    count_date = fields.Datetime(readonly=True, help="When the physical quantity was counted.")
    count_age_days = fields.Integer("Count Age (days)", readonly=True)
    source_ref = fields.Reference(
        selection="_selection_source_ref", string="Source", readonly=True
    )
    review_note = fields.Text()
    reviewed = fields.Boolean(compute="_compute_reviewed", store=True)
    reviewed_by = fields.Many2one("res.users", readonly=True)
    reviewed_at = fields.Datetime(readonly=True)

    @api.model
    def _selection_source_ref(self):
        return [
            ("omni.stock.adjustment.request", "Adjustment request"),
            ("stock.quant", "Quant"),
            ("stock.move", "Stock move"),
            ("account.move", "Journal entry"),
            ("stock.valuation.layer", "Valuation layer"),
        ]

    @api.depends("cause")
    def _compute_flagged(self):
        for line in self:
            line.flagged = line.cause == "unexplained"

    @api.depends("review_note")
    def _compute_reviewed(self):
        for line in self:
            line.reviewed = bool((line.review_note or "").strip())

    def write(self, vals):
        if not self.env.su:
            if set(vals) - REVIEW_FIELDS:
                raise AccessError(self.env._(
                    "Reconciliation differences are computed; only their review note can "
                    "be written."))
            vals = {**vals, "reviewed_by": self.env.uid, "reviewed_at": fields.Datetime.now()}
        return super().write(vals)
