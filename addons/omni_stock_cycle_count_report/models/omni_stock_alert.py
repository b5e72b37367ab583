# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo import fields, models
from odoo.tools import SQL, float_repr


class OmniStockAlert(models.Model):
    _inherit = "omni.stock.alert"

    def _alert_count_variance(self, rule, companies):
        """Also the variance the cycle counts measured, corrections waiting for
        approval included (the log only holds the applied ones): count lines outside
        tolerance worth at least the rule's value over its window, per location."""
        candidates = super()._alert_count_variance(rule, companies)
        seen = {candidate["cause_key"] for candidate in candidates}
        rows = self._fetch(SQL(
            """
            SELECT cl.company_id, cl.location_id, cl.warehouse_id,
                   SUM(cl.variance_value) AS variance, COUNT(*) AS lines
              FROM omni_stock_count_line cl
             WHERE cl.state IN ('applied', 'requested') AND cl.within_tolerance IS NOT TRUE
               AND cl.counted_at >= %s AND cl.company_id = ANY(%s)
             GROUP BY 1, 2, 3
            HAVING SUM(cl.variance_value) >= %s AND SUM(cl.variance_value) > 0
            """,
            fields.Datetime.now() - datetime.timedelta(days=rule.window_days), companies.ids,
            rule.min_value,
        ))
        Location = self.env["stock.location"]
        for row in rows:
            key = f"location:{row['location_id']}"
            if key in seen:
                continue
            candidates.append({
                "cause_key": key,
                "company_id": row["company_id"],
                "name": self.env._("High count variance in %s",
                                   Location.browse(row["location_id"]).display_name),
                "figure": self.env._(
                    "cycle counts found %(lines)s lines outside tolerance in %(days)s days, "
                    "worth more than the rule's value threshold",
                    lines=row["lines"], days=rule.window_days),
                "value_figure": self.env._(
                    "worth %(value)s (threshold %(threshold)s)",
                    value=float_repr(row["variance"], 2),
                    threshold=float_repr(rule.min_value, 2)),
                "location_id": row["location_id"], "warehouse_id": row["warehouse_id"],
                "res_model": "stock.location", "res_id": row["location_id"],
            })
        return candidates
