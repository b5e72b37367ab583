from odoo import api, models


class OmniStockPeriodClose(models.Model):
    _inherit = "omni.stock.period.close"

    @api.model
    def _checklist_items(self):
        return [*super()._checklist_items(), (
            "counts_waiting_recount", self.env._("No cycle count waiting for its recount"),
            "omni.stock.count.line", "omni_stock_cycle_count")]

    def _check_counts_waiting_recount(self, company, date_to, cutoff):
        lines = self.env["omni.stock.count.line"]._omni_waiting_recount(company, cutoff)
        domain = [("id", "in", lines.ids)]
        return len(lines), "omni.stock.count.line", domain, self.env._(
            "%s counted lines wait for their recount", len(lines)) if lines else ""
