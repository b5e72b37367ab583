from odoo import models


class OmniStockReconciliation(models.Model):
    _inherit = "omni.stock.reconciliation"

    def _physical_counts(self, location_ids, cutoff):
        """Cycle counts waiting for their recount: the shelf holds what was counted
        (plus the moves since), Odoo still what it expected."""
        counts = super()._physical_counts(location_ids, cutoff)
        lines = self.env["omni.stock.count.line"]._omni_waiting_recount(
            self.company_id, cutoff, location_ids)
        if not lines:
            return counts
        erp = self._erp_quantities(location_ids)
        for line in lines:
            counted, date = line._omni_previous_round()
            variance = counted - line.expected_qty
            counts.append({
                "product_id": line.product_id.id,
                "location_id": line.location_id.id,
                "physical_qty": erp.get((line.product_id.id, line.location_id.id), 0.0)
                + variance,
                "count_date": date,
                "cause": "count_not_applied",
                "source_ref": f"{line.task_id._name},{line.task_id.id}",
                "explanation": self.env._(
                    "Counted %(counted)s in %(task)s (expected %(expected)s), waiting for "
                    "a recount by another user", counted=counted, task=line.task_id.name,
                    expected=line.expected_qty),
            })
        return counts
