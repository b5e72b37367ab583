# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import SQL


class OmniStockKpi(models.Model):
    _inherit = "omni.stock.kpi"

    def _routed_orders_sql(self, period):
        """Per order routed in the period (its first routing): day, company, channel,
        whether it was split and whether it was routed again later."""
        return SQL(
            """
            SELECT (first.create_date AT TIME ZONE 'UTC')::date AS day, first.company_id,
                   first.channel_id, first.splits > 0 AS split,
                   EXISTS (SELECT 1 FROM omni_stock_routing_decision later
                            WHERE later.order_id = first.order_id
                              AND later.kind = 'reroute') AS rerouted
              FROM omni_stock_routing_decision first
             WHERE first.kind = 'route' AND first.state = 'done'
               AND first.create_date >= %(dt_from)s AND first.create_date < %(dt_to)s
               AND first.company_id = ANY(%(companies)s)
            """,
            dt_from=period.dt_from, dt_to=period.dt_to, companies=period.companies,
        )

    def _kpi_routing_split_orders(self, period):
        """Orders shipped from more than one node, over orders routed."""
        return SQL(
            """
            SELECT r.day, r.company_id, NULL::int, NULL::int, r.channel_id,
                   COUNT(*) FILTER (WHERE r.split)::float8, COUNT(*)::float8
              FROM (%s) r
             GROUP BY 1, 2, 5
            """,
            self._routed_orders_sql(period),
        )

    def _kpi_routing_rerouted_orders(self, period):
        """Orders routed again (a node could not ship), over orders routed."""
        return SQL(
            """
            SELECT r.day, r.company_id, NULL::int, NULL::int, r.channel_id,
                   COUNT(*) FILTER (WHERE r.rerouted)::float8, COUNT(*)::float8
              FROM (%s) r
             GROUP BY 1, 2, 5
            """,
            self._routed_orders_sql(period),
        )
