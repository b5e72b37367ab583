# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..tools import closing


class OmniStockAdjustmentLog(models.Model):
    _inherit = "omni.stock.adjustment.log"

    event = fields.Selection(
        selection_add=[
            ("period_close", "Period closed"),
            ("close_override", "Period close overridden"),
            ("close_gate", "Period close gate changed"),
        ],
        ondelete={"period_close": "cascade", "close_override": "cascade",
                  "close_gate": "cascade"},
    )

    @api.model
    def _omni_log(self, vals_list):
        """A lock date moved by a period close is logged as that close."""
        for vals in vals_list:
            name = vals.get("event") == "lock_date" and closing(vals.get("company_id"))
            if name:
                vals["event"] = "period_close"
                vals["note"] = f"{vals.get('note') or ''} ({name})"
        return super()._omni_log(vals_list)
