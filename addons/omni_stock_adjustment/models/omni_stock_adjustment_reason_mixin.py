# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmniStockAdjustmentReasonMixin(models.AbstractModel):
    """The reason and note a user gives for a stock change (quant count, scrap,
    Update Quantity wizard, Apply All wizard).

    Override point: ``_omni_reason_company_field``, the field of the record
    holding the company whose reasons may be chosen (or ``current_company_id``,
    the web client's current company, for a record without company).
    """

    _name = "omni.stock.adjustment.reason.mixin"
    _description = "Stock Adjustment Reason and Note"
    _omni_reason_company_field = "company_id"

    omni_reason_id = fields.Many2one(
        "omni.stock.adjustment.reason",
        "Adjustment Reason",
        domain=lambda self: self._omni_reason_domain(),
        help="Why stock changes; required to apply the change.",
    )
    omni_reason_note = fields.Text("Adjustment Note")

    def _omni_reason_domain(self):
        company = self._omni_reason_company_field
        return f"['|', ('company_id', '=', False), ('company_id', '=', {company})]"
