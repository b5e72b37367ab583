# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Forecast accuracy on the KPI board, from the forecast lines of weeks that are over
(the forecast standing when the week began, measured against the week's demand;
weeks with stockout days have no known demand and are left out).

Rows carry two dimensions more than the other KPIs: the product category and the
forecast method (``omni_categ_id``, ``omni_forecast_method`` on the KPI values)."""

from odoo import fields, models
from odoo.tools import SQL

from .omni_stock_forecast_series import METHOD_SELECTION

FORECAST_KPIS = ("forecast_wape", "forecast_bias", "forecast_value_added",
                 "forecast_override_value_added")


class OmniStockKpi(models.Model):
    _inherit = "omni.stock.kpi"

    def _forecast_lines_sql(self, period, numerator, denominator, where=None):
        return SQL(
            """
            SELECT l.week_start, l.company_id, l.warehouse_id, l.location_id, l.channel_id,
                   l.categ_id, l.method, SUM(%(numerator)s)::float8,
                   SUM(%(denominator)s)::float8
              FROM omni_stock_forecast_line l
             WHERE l.measured AND l.actual_known
               AND l.week_start BETWEEN %(date_from)s AND %(date_to)s
               AND l.company_id = ANY(%(companies)s) AND %(where)s
             GROUP BY 1, 2, 3, 4, 5, 6, 7
            """,
            numerator=numerator, denominator=denominator, where=where or SQL("TRUE"),
            date_from=period.date_from, date_to=period.date_to, companies=period.companies,
        )

    def _kpi_forecast_wape(self, period):
        """Σ |forecast - actual| / Σ actual."""
        return self._forecast_lines_sql(period, SQL("l.abs_error"), SQL("l.actual_qty"))

    def _kpi_forecast_bias(self, period):
        """Σ (forecast - actual) / Σ actual: above 0, forecasts too high."""
        return self._forecast_lines_sql(
            period, SQL("l.figure - l.actual_qty"), SQL("l.actual_qty"))

    def _kpi_forecast_value_added(self, period):
        """1 - Σ|forecast - actual| / Σ|seasonal naive - actual|, as
        Σ(|naive error| - |error|) / Σ|naive error|: the share of seasonal naive's
        error the forecast removes (below 0: worse than the baseline)."""
        return self._forecast_lines_sql(
            period, SQL("l.naive_abs_error - l.abs_error"), SQL("l.naive_abs_error"))

    def _kpi_forecast_override_value_added(self, period):
        """Over overridden weeks: the share of the system forecast's error the
        planners' overrides removed (below 0: the overrides made it worse)."""
        return self._forecast_lines_sql(
            period, SQL("l.system_abs_error - l.abs_error"), SQL("l.system_abs_error"),
            where=SQL("l.override_active"))

    def _insert_sql(self, query, period):
        if self.code not in FORECAST_KPIS:
            return super()._insert_sql(query, period)
        from odoo.addons.omni_stock_report.models.omni_stock_kpi import (  # noqa: PLC0415
            UNIT_FACTOR,
        )

        return SQL(
            """
            INSERT INTO omni_stock_kpi_value
                   (kpi_id, date, company_id, warehouse_id, location_id, channel_id,
                    omni_categ_id, omni_forecast_method,
                    numerator, denominator, value, available,
                    create_uid, create_date, write_uid, write_date)
            SELECT %(kpi)s, r.day, r.company_id, r.warehouse_id, r.location_id, r.channel_id,
                   r.categ_id, r.method,
                   SUM(r.numerator) * %(factor)s, SUM(r.denominator),
                   SUM(r.numerator) * %(factor)s / NULLIF(SUM(r.denominator), 0), TRUE,
                   %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
              FROM (%(query)s) AS r(day, company_id, warehouse_id, location_id, channel_id,
                                    categ_id, method, numerator, denominator)
             WHERE r.company_id = ANY(%(companies)s)
               AND r.day BETWEEN %(date_from)s AND %(date_to)s
             GROUP BY r.day, r.company_id, r.warehouse_id, r.location_id, r.channel_id,
                      r.categ_id, r.method
            HAVING SUM(r.denominator) <> 0 OR SUM(r.numerator) <> 0
            """,
            kpi=self.id, factor=UNIT_FACTOR[self.unit], uid=self.env.uid, query=query,
            companies=period.companies, date_from=period.date_from, date_to=period.date_to,
        )


class OmniStockKpiValue(models.Model):
    _inherit = "omni.stock.kpi.value"

    omni_categ_id = fields.Many2one(
        "product.category", "Product Category", readonly=True, index=True)
    omni_forecast_method = fields.Selection(METHOD_SELECTION, "Forecast Method", readonly=True)
