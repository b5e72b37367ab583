# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import SQL


class OmniStockKpi(models.Model):
    _inherit = "omni.stock.kpi"

    def _kpi_inventory_accuracy(self, period):
        """Per location and count day: count lines within tolerance over count lines
        (applied, or waiting for approval), as the location's measured hit rate."""
        return SQL(
            """
            SELECT (cl.counted_at AT TIME ZONE 'UTC')::date, cl.company_id, cl.warehouse_id,
                   cl.location_id, NULL::int,
                   COUNT(*) FILTER (WHERE cl.within_tolerance)::float8, COUNT(*)::float8
              FROM omni_stock_count_line cl
             WHERE cl.state IN ('applied', 'requested')
               AND cl.counted_at >= %(dt_from)s AND cl.counted_at < %(dt_to)s
               AND cl.company_id = ANY(%(companies)s)
             GROUP BY 1, 2, 3, 4
            """,
            dt_from=period.dt_from, dt_to=period.dt_to, companies=period.companies,
        )
