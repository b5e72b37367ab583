# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class OmniStockPeriodClose(models.Model):
    _inherit = "omni.stock.period.close"

    @api.model
    def _checklist_items(self):
        return super()._checklist_items() + [
            ("consigned_unsettled", self.env._("No consigned sale left unsettled"),
             "account.move.line", "omni_stock_consignment"),
        ]

    def _check_consigned_unsettled(self, company, date_to, cutoff):
        """Settlement lines of consigned units that left before the cut-off whose
        self-billing bill is not posted yet."""
        domain = [("company_id", "=", company.id),
                  ("omni_consign_move_line_id", "!=", False),
                  ("omni_consign_move_line_id.date", "<", cutoff),
                  ("parent_state", "=", "draft")]
        count = self.env["account.move.line"].search_count(domain)
        return count, "account.move.line", domain, self.env._(
            "%s consigned sales, scraps or losses are on unposted settlement bills",
            count) if count else ""
