# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import SQL


class OmniStockKpi(models.Model):
    _inherit = "omni.stock.kpi"

    def _kpi_return_to_stock_time(self, period):
        """Days from receipt to resale (numerator) per unit resold (denominator)."""
        return SQL(
            """
            SELECT r.resold_date::date, r.company_id, r.warehouse_id, NULL::int,
                   r.channel_id,
                   SUM(EXTRACT(EPOCH FROM r.resold_date - r.received_date) / 86400.0
                       * r.quantity)::float8,
                   SUM(r.quantity)::float8
              FROM omni_stock_return r
             WHERE r.resold_date >= %(dt_from)s AND r.resold_date < %(dt_to)s
               AND r.received_date IS NOT NULL
               AND r.company_id = ANY(%(companies)s)
             GROUP BY 1, 2, 3, 5
            """,
            dt_from=period.dt_from, dt_to=period.dt_to, companies=period.companies,
        )
