# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Supplier KPIs on the board, from the scorecards' one definition of a purchase
line's figures (``omni.stock.supplier.scorecard._line_figures_sql``), by the day the
line was promised and the receiving warehouse."""

from odoo import models
from odoo.tools import SQL


class OmniStockKpi(models.Model):
    _inherit = "omni.stock.kpi"

    def _supplier_lines_sql(self, period, numerator, denominator):
        lines = self.env["omni.stock.supplier.scorecard"]._line_figures_sql(
            period.companies, period.dt_from, period.dt_to)
        return SQL(
            """
            SELECT l.planned, l.company_id, l.warehouse_id, NULL::int, NULL::int,
                   SUM(%(numerator)s)::float8, SUM(%(denominator)s)::float8
              FROM (%(lines)s) l
             GROUP BY 1, 2, 3
            """,
            lines=lines, numerator=numerator, denominator=denominator,
        )

    def _kpi_supplier_otif(self, period):
        """Purchase lines received in full and on time / lines due."""
        return self._supplier_lines_sql(
            period, SQL("CASE WHEN l.otif THEN 1 ELSE 0 END"), SQL("1"))

    def _kpi_supplier_fill_rate(self, period):
        """Units received (up to the ordered quantity) / units ordered, lines due."""
        return self._supplier_lines_sql(
            period, SQL("LEAST(l.received, l.ordered)"), SQL("l.ordered"))
