# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from ..tools import adjustment_source


class StockChangeProductQty(models.TransientModel):
    _name = "stock.change.product.qty"
    _inherit = ["stock.change.product.qty", "omni.stock.adjustment.reason.mixin"]
    # the web client's current company (no company on this wizard)
    _omni_reason_company_field = "current_company_id"

    def change_product_qty(self):
        # The reason travels in the context; _apply_inventory validates it.
        self.ensure_one()
        with adjustment_source("wizard"):
            return super(
                StockChangeProductQty,
                self.with_context(
                    omni_adjustment_reason_id=self.omni_reason_id.id,
                    omni_adjustment_note=self.omni_reason_note,
                ),
            ).change_product_qty()
