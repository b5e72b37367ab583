from odoo import api, models


class OmniStockCountLine(models.Model):
    _inherit = "omni.stock.count.line"

    @api.model
    def _omni_waiting_recount(self, company, cutoff, location_ids=None):
        """Lines of ``company`` whose previous round, counted before ``cutoff``, was
        above tolerance and waits for its blind recount: nothing of it is applied yet
        (sudo: the variance is a manager's figure, read here for finance)."""
        domain = [("company_id", "=", company.id), ("state", "=", "recount"),
                  ("entry_ids.date", "<", cutoff)]
        if location_ids is not None:
            domain.append(("location_id", "in", list(location_ids)))
        # earned: the close checklist (a gate, see _checklist: only a count leaves) and
        # finance's reconciliation (action_compute checks the finance group)
        return self.sudo().search(domain, order="id")

    def _omni_previous_round(self):
        """``(quantity, date)`` counted in the round before the current one."""
        self.ensure_one()
        # earned: finance's: the reconciliation (action_compute checks the finance group)
        entries = self.sudo().entry_ids.filtered(lambda entry: entry.round == self.round - 1)
        return sum(entries.mapped("quantity")), max(entries.mapped("date"), default=False)
