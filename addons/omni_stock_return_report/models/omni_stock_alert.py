# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import float_repr


class OmniStockAlert(models.Model):
    _inherit = "omni.stock.alert"

    def _alert_excess_return(self, rule, companies):
        """Plus the returns flagged (excess, duplicate, unknown origin) awaiting a
        decision, unless the same order line or lot is raised already (one alert per
        cause: every receipt from a customer has its return now)."""
        candidates = super()._alert_excess_return(rule, companies)
        raised = {candidate["cause_key"] for candidate in candidates}
        # earned: the alert scan's (scan() checks the inventory manager), its companies only
        flagged = self.env["omni.stock.return"].sudo().search([
            ("state", "=", "flagged"), ("company_id", "in", companies.ids)])
        labels = dict(flagged._fields["flag_reason"].selection)
        for rma in flagged:
            if f"line:{rma.sale_line_id.id}" in raised or f"lot:{rma.lot_id.id}" in raised:
                continue
            candidates.append({
                "cause_key": f"rma:{rma.id}",
                "company_id": rma.company_id.id,
                "name": self.env._("%(flag)s return %(rma)s: %(product)s",
                                   flag=labels[rma.flag_reason], rma=rma.name,
                                   product=rma.product_id.display_name),
                "figure": self.env._("%(qty)s in quarantine: %(note)s",
                                     qty=float_repr(rma.quantity, 2), note=rma.flag_note),
                "product_id": rma.product_id.id, "location_id": rma.location_id.id,
                "warehouse_id": rma.warehouse_id.id,
                "res_model": "omni.stock.return", "res_id": rma.id,
            })
        return candidates
