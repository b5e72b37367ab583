# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class StockChangeProductQty(models.TransientModel):
    _inherit = "stock.change.product.qty"

    omni_reason_id = fields.Many2one(
        "omni.stock.adjustment.reason",
        "Adjustment Reason",
        domain="['|', ('company_id', '=', False), ('company_id', '=', current_company_id)]",
    )
    omni_reason_note = fields.Text("Adjustment Note")
    current_company_id = fields.Many2one("res.company", default=lambda self: self.env.company)

    def change_product_qty(self):
        # The reason travels in the context; _apply_inventory validates it.
        self.ensure_one()
        return super(
            StockChangeProductQty,
            self.with_context(
                omni_adjustment_reason_id=self.omni_reason_id.id,
                omni_adjustment_note=self.omni_reason_note,
                omni_adjustment_source="wizard",
            ),
        ).change_product_qty()
