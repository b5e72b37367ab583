# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, models
from odoo.tools import SQL

YIELD_WINDOW_PARAM = "omni_stock_return.yield_window_days"
YIELD_WINDOW_DAYS = 90


class OmniAts(models.AbstractModel):
    """Units awaiting inspection × their category's learned resale yield: probable
    supply (``returns_expected``), shown in the breakdown, explanation and API,
    never sold."""

    _inherit = "omni.ats"

    @api.model
    def _supply_kinds(self):
        return dict(super()._supply_kinds(), returns_expected=self.env._(
            "awaiting inspection × expected resale yield"))

    @api.model
    def _supply_figures(self, scope):
        return dict(super()._supply_figures(scope), **self._returns_expected_figures(scope))

    @api.model
    def _quant_statuses(self, scope):
        # units awaiting inspection, summed in the engine's own pass over the quants
        return super()._quant_statuses(scope) | {"inspection"}

    @api.model
    def _return_yield_window_days(self):
        # earned: no check needed: a system parameter
        value = self.env["ir.config_parameter"].sudo().get_param(YIELD_WINDOW_PARAM)
        try:
            return max(int(value), 1) if value else YIELD_WINDOW_DAYS
        except ValueError:
            return YIELD_WINDOW_DAYS

    @api.model
    def _return_yield_query(self, since):
        """Per product category: the share of units inspected since ``since`` that were
        resold (directly or after refurbishment)."""
        return SQL(
            """
            SELECT r.categ_id,
                   (SUM(r.quantity) FILTER (WHERE r.resold_date IS NOT NULL)
                    / NULLIF(SUM(r.quantity), 0))::float8 AS share
              FROM omni_stock_return r
             WHERE r.inspection_date >= %(since)s
               AND r.company_id = ANY(%(companies)s)
             GROUP BY r.categ_id
            """,
            since=since, companies=self.env.companies.ids,
        )

    @api.model
    def _return_yields(self, since):
        """``{categ_id: share}`` of the categories with inspected returns since ``since``."""
        self.env["omni.stock.return"].flush_model(
            ["categ_id", "quantity", "inspection_date", "resold_date", "company_id"])
        self.env.cr.execute(self._return_yield_query(since))
        return dict(self.env.cr.fetchall())

    @api.model
    def _state_guards(self, channel, now):
        """The yield window decides every learned yield at once: the maintained state
        holds while it stays the same. The yields themselves move product by product:
        a return inspected, resold or changed names the products of its category with
        units awaiting inspection in the change feed (``omni.stock.return.init``), and
        returns leaving the window with the clock are a time part."""
        return dict(super()._state_guards(channel, now), return_yield_window=SQL(
            "SELECT value FROM ir_config_parameter WHERE key = %s", YIELD_WINDOW_PARAM))

    @api.model
    def _state_time_parts(self, channel, since, now):
        """Returns inspected in ``[since, now)`` minus the window left it: their
        categories' yields moved, for the products with units awaiting inspection."""
        window = timedelta(days=self._return_yield_window_days())
        return [*super()._state_time_parts(channel, since, now), SQL(
            """
            SELECT p.product_id
              FROM (SELECT DISTINCT categ_id FROM omni_stock_return
                     WHERE inspection_date >= %s AND inspection_date < %s) r,
                   LATERAL omni_stock_return_yield_products(ARRAY[r.categ_id]) p(product_id)
            """, since - window, now - window)]

    @api.model
    def _returns_expected_figures(self, scope):
        """``{"returns_expected": SQL}``: units awaiting inspection (the ``quant`` part's
        *inspection* column) × their category's yield, computed in the engine's figures
        pass: no part, scan or join of its own. The yields are read first, in one small
        query; the statement looks the product's category up in their list. Nothing
        (the figure is 0) without a yield or an inspection location in scope."""
        since = scope.now - timedelta(days=self._return_yield_window_days())
        yields = {categ: share for categ, share in self._return_yields(since).items()
                  if share}
        if not yields or not scope.locations_of_status("inspection"):
            return {}
        return {"returns_expected": SQL(
            "CASE WHEN quant.inspection > 0 THEN quant.inspection"
            " * (%(shares)s::float8[])[array_position(%(categs)s::int[], p.categ_id)] END",
            categs=list(yields), shares=list(yields.values()),
        )}
