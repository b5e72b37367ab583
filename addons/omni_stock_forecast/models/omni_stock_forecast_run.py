# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The forecast run: every demand series of a company, in batches of queue jobs.

A batch reads its series' weekly sales, stockout days and promotion weeks from the
ledger, backtests the methods, keeps the winner (or seasonal naive), writes the 13
weeks with their parts (keeping the planners' overrides of those weeks) and measures
the forecasts of the weeks that are over against what was sold.
"""

import datetime
from collections import Counter

import numpy as np

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..tools import forecast as fc
from .omni_stock_forecast_line import PLANNER
from .omni_stock_forecast_series import METHOD_SELECTION

DAYS = 7


def week_start(day):
    return day - datetime.timedelta(days=day.weekday())


class OmniStockForecastRun(models.Model):
    _name = "omni.stock.forecast.run"
    _inherit = ["omni.stock.job.run.mixin"]
    _description = "Demand Forecast Run"
    _order = "id desc"

    origin = fields.Date(
        "First Week", required=True, readonly=True,
        default=lambda self: week_start(fields.Date.context_today(self)),
        help="Monday of the first forecast week; the history is the weeks before it.")
    history_weeks = fields.Integer(default=104, required=True, readonly=True)
    horizon = fields.Integer("Weeks Ahead", default=13, required=True, readonly=True)
    warehouse_ids = fields.Many2many(
        "stock.warehouse", string="Warehouses / Stores", readonly=True,
        help="Empty: every warehouse of the company.")
    series_count = fields.Integer(readonly=True)
    method_summary = fields.Char("Methods Chosen", readonly=True)

    @api.constrains("history_weeks", "horizon")
    def _check_sizes(self):
        for run in self:
            if not 4 <= run.history_weeks <= 260 or not 1 <= run.horizon <= 52:
                raise ValidationError(self.env._(
                    "A forecast reads 4 to 260 weeks of history and looks 1 to 52 weeks "
                    "ahead."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env._(
                    "Forecast %s", fields.Datetime.to_string(fields.Datetime.now())[:16])
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # the job run's hooks
    # ------------------------------------------------------------------
    def _omni_job_check_start(self):
        if not (self.env.su or self.env.user.has_group(PLANNER)):
            raise AccessError(self.env._("Only demand planners can run the forecast."))
        self.check_access("read")
        if self.company_id not in self.env.companies and not self.env.su:
            raise AccessError(self.env._("This run belongs to another company."))

    def _omni_job_batch_size(self):
        # earned: a technical setting read by server code (no user data)
        return int(self.env["ir.config_parameter"].sudo().get_param(
            "omni_stock_forecast.batch_size", 1000))

    def _history_start(self):
        return self.origin - datetime.timedelta(weeks=self.history_weeks)

    def _omni_job_batch_keys(self):
        """The series with demand in the history window (created when new), by id."""
        self.ensure_one()
        self.env.flush_all()
        self.env.cr.execute(SQL(
            """
            INSERT INTO omni_stock_forecast_series
                   (product_id, warehouse_id, location_id, channel_id, company_id, categ_id,
                    create_uid, create_date, write_uid, write_date)
            SELECT DISTINCT d.product_id, d.warehouse_id, d.location_id, d.channel_id,
                   d.company_id, d.categ_id, %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s,
                   now() AT TIME ZONE 'UTC'
              FROM (%(demand)s) d
            ON CONFLICT DO NOTHING
            """,
            uid=self.env.uid, demand=self._demand_sql(),
        ))
        domain = [("company_id", "=", self.company_id.id)]
        if self.warehouse_ids:
            domain.append(("warehouse_id", "in", self.warehouse_ids.ids))
        # by product: a batch reads the moves of few products (all their warehouses)
        self.env.cr.execute(SQL(
            """
            SELECT s.id FROM omni_stock_forecast_series s
             WHERE s.company_id = %s AND (%s OR s.warehouse_id = ANY(%s))
               AND EXISTS (SELECT 1 FROM (%s) d
                            WHERE d.product_id = s.product_id
                              AND d.warehouse_id = s.warehouse_id
                              AND d.channel_id IS NOT DISTINCT FROM s.channel_id)
             ORDER BY s.product_id, s.warehouse_id, s.channel_id NULLS FIRST, s.id
            """,
            self.company_id.id, not self.warehouse_ids, self.warehouse_ids.ids,
            self._demand_sql(),
        ))
        return [row[0] for row in self.env.cr.fetchall()]

    def _demand_sql(self, series_ids=None, date_from=None, date_to=None):
        """Demand as the ledger records it: done moves from an internal location of a
        warehouse to a customer (deliveries of every channel, POS orders' pickings),
        returns to customers left out; a channel whose demand is its own (setting on
        the channel) keeps it in a series of its own."""
        date_from = date_from or self._history_start()
        date_to = date_to or self.origin
        series_filter = SQL("TRUE")
        if series_ids is not None:
            # the batch's products and warehouses (a superset of its pairs, joined to the
            # series afterwards): the moves are read through their product
            self.env.cr.execute(SQL(
                "SELECT array_agg(DISTINCT product_id), array_agg(DISTINCT warehouse_id)"
                " FROM omni_stock_forecast_series WHERE id = ANY(%s)", list(series_ids)))
            products, warehouses = self.env.cr.fetchone()
            series_filter = SQL("m.product_id = ANY(%s) AND src.warehouse_id = ANY(%s)",
                                products or [], warehouses or [])
        return SQL(
            """
            SELECT m.product_id, src.warehouse_id, wh.lot_stock_id AS location_id,
                   ch.id AS channel_id, wh.company_id, pt.categ_id,
                   m.date, m.product_qty
              FROM stock_move m
              JOIN stock_location src ON src.id = m.location_id
              JOIN stock_location dst ON dst.id = m.location_dest_id
              JOIN stock_warehouse wh ON wh.id = src.warehouse_id
              JOIN product_product pp ON pp.id = m.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
              LEFT JOIN sale_order_line sol ON sol.id = m.sale_line_id
              LEFT JOIN sale_order so ON so.id = sol.order_id
              LEFT JOIN omni_channel ch ON ch.id = so.omni_channel_id
                                       AND ch.omni_forecast_own_demand
             WHERE m.state = 'done' AND src.usage = 'internal' AND dst.usage = 'customer'
               AND m.origin_returned_move_id IS NULL
               AND m.date >= %(date_from)s AND m.date < %(date_to)s
               AND wh.company_id = %(company)s AND %(series_filter)s
            """,
            date_from=date_from, date_to=date_to, company=self.company_id.id,
            series_filter=series_filter,
        )

    def _omni_run_batch(self, batch):
        self.ensure_one()
        series = self.env["omni.stock.forecast.series"].browse(batch.keys).exists()
        return self._forecast_series(series)

    def _omni_run_finish(self):
        self.ensure_one()
        self.env.cr.execute(SQL(
            "SELECT method, COUNT(*) FROM omni_stock_forecast_series WHERE run_id = %s"
            " GROUP BY 1 ORDER BY 2 DESC", self.id))
        counts = self.env.cr.fetchall()
        labels = dict(METHOD_SELECTION)
        # earned: the run's own figures, written by the last batch (its start was
        # checked by _omni_job_check_start)
        self.sudo().write({
            "series_count": sum(count for _method, count in counts),
            "method_summary": ", ".join(f"{labels.get(m, m)}: {c}" for m, c in counts),
        })

    # ------------------------------------------------------------------
    # one batch
    # ------------------------------------------------------------------
    def _history(self, series):
        """Weekly sales (NaN before the series' first stock in its warehouse), days in
        stock per week, and promotion weeks (history and horizon) of ``series``."""
        n, weeks = len(series), self.history_weeks
        start = self._history_start()
        index = {sid: i for i, sid in enumerate(series.ids)}
        sales = np.zeros((n, weeks))
        self.env.cr.execute(SQL(
            """
            SELECT s.id, (d.date::date - %(start)s) / 7, SUM(d.product_qty)
              FROM (%(demand)s) d
              JOIN omni_stock_forecast_series s
                ON s.product_id = d.product_id AND s.warehouse_id = d.warehouse_id
               AND s.channel_id IS NOT DISTINCT FROM d.channel_id
             WHERE s.id = ANY(%(ids)s)
             GROUP BY 1, 2
            """,
            start=start, demand=self._demand_sql(series.ids), ids=series.ids,
        ))
        for sid, week, qty in self.env.cr.fetchall():
            sales[index[sid], int(week)] = qty
        instock, first_day = self._instock_days(series, start)
        # weeks before the product ever had stock in the warehouse: not a series yet
        first_week = np.where(np.isnan(first_day), weeks, np.floor(first_day / DAYS))
        sales = np.where(np.arange(weeks)[None, :] < first_week[:, None], np.nan, sales)
        promo = self._promotion_weeks(series, start, weeks + self.horizon)
        return sales, instock, promo[:, :weeks], promo[:, weeks:]

    def _instock_days(self, series, start):
        """Days with sellable stock per week, rebuilt from today's sellable quants of
        the warehouse and the done moves in and out of its sellable locations since
        the start: a day is out of stock when it opened and closed at zero or below.

        :return: (days in stock (n, weeks), day index of the first stock (NaN: none))
        """
        weeks = self.history_weeks
        today = fields.Date.context_today(self)
        n_days = max((today - start).days + 1, weeks * DAYS)
        self.env.cr.execute(SQL(
            "SELECT id, product_id, warehouse_id FROM omni_stock_forecast_series"
            " WHERE id = ANY(%s)", series.ids))
        pair_of = {sid: (product, warehouse) for sid, product, warehouse in
                   self.env.cr.fetchall()}
        pairs = sorted(set(pair_of.values()))
        pair_index = {pair: i for i, pair in enumerate(pairs)}
        products = [p for p, _w in pairs]
        warehouses = [w for _p, w in pairs]
        # flows per product, warehouse and day, each side of a move on its own (joining
        # the moves to the pairs would read each move once per warehouse of its product)
        self.env.cr.execute(SQL(
            """
            WITH sellable AS (
                SELECT id, warehouse_id FROM stock_location
                 WHERE usage = 'internal' AND omni_status = 'sellable'
                   AND warehouse_id = ANY(%(warehouses)s)
            )
            SELECT q.product_id, l.warehouse_id, NULL::int, SUM(q.quantity)
              FROM stock_quant q
              JOIN sellable l ON l.id = q.location_id
             WHERE q.product_id = ANY(%(products)s)
             GROUP BY 1, 2
            UNION ALL
            SELECT m.product_id, di.warehouse_id, m.date::date - %(start)s, SUM(m.product_qty)
              FROM stock_move m
              JOIN sellable di ON di.id = m.location_dest_id
              LEFT JOIN sellable si ON si.id = m.location_id
                                   AND si.warehouse_id = di.warehouse_id
             WHERE m.product_id = ANY(%(products)s) AND m.state = 'done'
               AND m.date >= %(start)s AND si.id IS NULL
             GROUP BY 1, 2, 3
            UNION ALL
            SELECT m.product_id, si.warehouse_id, m.date::date - %(start)s, -SUM(m.product_qty)
              FROM stock_move m
              JOIN sellable si ON si.id = m.location_id
              LEFT JOIN sellable di ON di.id = m.location_dest_id
                                   AND di.warehouse_id = si.warehouse_id
             WHERE m.product_id = ANY(%(products)s) AND m.state = 'done'
               AND m.date >= %(start)s AND di.id IS NULL
             GROUP BY 1, 2, 3
            """,
            products=sorted(set(products)), warehouses=sorted(set(warehouses)), start=start,
        ))
        current = np.zeros(len(pairs))
        net = np.zeros((len(pairs), n_days))
        for product, warehouse, day, qty in self.env.cr.fetchall():
            i = pair_index.get((product, warehouse))
            if i is None:
                continue
            if day is None:
                current[i] = qty or 0.0
            elif 0 <= day < n_days:
                net[i, day] += qty
        # closing stock of day d = today's stock - what came in (net) after day d
        after = np.cumsum(net[:, ::-1], axis=1)[:, ::-1]
        closing = current[:, None] - np.concatenate(
            [after[:, 1:], np.zeros((len(pairs), 1))], axis=1)
        opening = closing - net
        out = (closing <= 1e-9) & (opening <= 1e-9)
        days_in = (~out[:, :weeks * DAYS]).reshape(len(pairs), weeks, DAYS).sum(axis=2)
        had_stock = (closing > 1e-9) | (opening > 1e-9)
        first = np.where(had_stock.any(axis=1), np.argmax(had_stock, axis=1), np.nan)
        rows = [pair_index[pair_of[sid]] for sid in series.ids]
        return days_in[rows].astype(float), first[rows].astype(float)

    def _promotion_weeks(self, series, start, weeks):
        """True for the weeks a promotion period touches the series' product (directly
        or through its category or a parent category) in its warehouse."""
        promo = np.zeros((len(series), weeks), dtype=bool)
        end = start + datetime.timedelta(weeks=weeks)
        # earned: the run's company only, in a batch whose start was checked
        promotions = self.env["omni.stock.promotion"].sudo().search([
            ("company_id", "=", self.company_id.id),
            ("date_to", ">=", start), ("date_from", "<", end),
        ])
        if not promotions:
            return promo
        self.env.cr.execute(SQL(
            """
            SELECT s.id, s.product_id, s.warehouse_id, c.parent_path
              FROM omni_stock_forecast_series s
              JOIN product_product pp ON pp.id = s.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
              LEFT JOIN product_category c ON c.id = pt.categ_id
             WHERE s.id = ANY(%s)
            """, series.ids))
        rows = {sid: (product, warehouse, {int(c) for c in (path or "").split("/") if c})
                for sid, product, warehouse, path in self.env.cr.fetchall()}
        for promotion in promotions:
            first = max(0, (promotion.date_from - start).days // DAYS)
            last = min(weeks - 1, (promotion.date_to - start).days // DAYS)
            products = set(promotion.product_ids.ids)
            categs = set(promotion.categ_ids.ids)
            warehouses = set(promotion.warehouse_ids.ids)
            for i, sid in enumerate(series.ids):
                product, warehouse, parents = rows[sid]
                if warehouses and warehouse not in warehouses:
                    continue
                if product in products or parents & categs:
                    promo[i, first:last + 1] = True
        return promo

    def _forecast_series(self, series):
        if not series:
            return {"series": 0}
        params = fc.Params(horizon=self.horizon)
        sales, instock, promo_hist, promo_future = self._history(series)
        result = fc.forecast(sales, instock, promo_hist, promo_future, params)
        self._write_series(series, result, sales, instock, promo_hist)
        self._write_lines(series, result, promo_future)
        self._measure(series, sales, instock)
        counts = Counter(fc.METHODS[i] for i in result["method"])
        return {"series": len(series), "methods": dict(counts)}

    def _write_series(self, series, result, sales, instock, promo_hist):
        mae = np.where(np.isnan(result["mae"]), -1.0, result["mae"])
        known = ~np.isnan(sales)
        self.env.cr.execute(SQL(
            """
            UPDATE omni_stock_forecast_series s
               SET method = v.method, mae_seasonal_naive = NULLIF(v.m0, -1),
                   mae_moving_average = NULLIF(v.m1, -1), mae_ses = NULLIF(v.m2, -1),
                   mae_holt = NULLIF(v.m3, -1), mae_holt_winters = NULLIF(v.m4, -1),
                   mae_tsb = NULLIF(v.m5, -1), backtest_weeks = v.scored,
                   history_weeks = v.history, censored_weeks = v.censored,
                   promo_weeks = v.promo, run_id = %(run)s, write_uid = %(uid)s,
                   write_date = now() AT TIME ZONE 'UTC'
              FROM unnest(%(ids)s::int[], %(method)s::varchar[], %(m0)s::float8[],
                          %(m1)s::float8[], %(m2)s::float8[], %(m3)s::float8[],
                          %(m4)s::float8[], %(m5)s::float8[], %(scored)s::int[],
                          %(history)s::int[], %(censored)s::int[], %(promo)s::int[])
                   AS v(id, method, m0, m1, m2, m3, m4, m5, scored, history, censored, promo)
             WHERE s.id = v.id
            """,
            run=self.id, uid=self.env.uid, ids=series.ids,
            method=[fc.METHODS[i] for i in result["method"]],
            m0=mae[:, 0].tolist(), m1=mae[:, 1].tolist(), m2=mae[:, 2].tolist(),
            m3=mae[:, 3].tolist(), m4=mae[:, 4].tolist(), m5=mae[:, 5].tolist(),
            scored=result["scored_weeks"].astype(int).tolist(),
            history=known.sum(axis=1).tolist(),
            censored=(known & (instock < DAYS)).sum(axis=1).tolist(),
            promo=(known & promo_hist).sum(axis=1).tolist(),
        ))

    def _write_lines(self, series, result, promo_future):
        """Replace the lines of the forecast weeks; an override of one of those weeks
        stays (its part is recomputed against the new figure)."""
        cr = self.env.cr
        n, horizon = len(series), self.horizon
        cr.execute(SQL(
            """
            DELETE FROM omni_stock_forecast_line
             WHERE series_id = ANY(%s) AND week_start >= %s
            RETURNING series_id, week_start, override_qty, override_reason, override_user_id,
                      override_date
            """,
            series.ids, self.origin,
        ))
        overrides = {(row[0], row[1]): row[2:] for row in cr.fetchall() if row[3]}
        weeks = [self.origin + datetime.timedelta(weeks=h) for h in range(horizon)]
        ids = np.repeat(np.array(series.ids), horizon)
        week_col = weeks * n
        system = result["figure"].reshape(-1)
        override = np.zeros(n * horizon, dtype=np.int64)
        figure = system.copy()
        o_qty, o_reason, o_user, o_date, o_active = [], [], [], [], []
        for k, (sid, week) in enumerate(zip(ids.tolist(), week_col, strict=True)):
            kept = overrides.get((sid, week))
            if kept:
                target = int(round(kept[0] * 100))
                override[k] = target - system[k]
                figure[k] = target
            o_active.append(bool(kept))
            o_qty.append(kept[0] if kept else 0.0)
            o_reason.append(kept[1] if kept else None)
            o_user.append(kept[2] if kept else None)
            o_date.append(kept[3] if kept else None)
        per_series = {s.id: s for s in series}

        def col(values):
            return (np.asarray(values).reshape(-1) / 100.0).tolist()

        cr.execute(SQL(
            """
            INSERT INTO omni_stock_forecast_line
                   (series_id, run_id, product_id, categ_id, warehouse_id, location_id,
                    channel_id, company_id, week_start, lag, method, level, trend, season,
                    promotion, stockout, override, figure, system_qty, naive_qty, is_promo,
                    override_active, override_qty, override_reason, override_user_id,
                    override_date, measured, actual_known,
                    create_uid, create_date, write_uid, write_date)
            SELECT v.series_id, %(run)s, s.product_id, s.categ_id, s.warehouse_id,
                   s.location_id, s.channel_id, s.company_id, v.week, v.lag, v.method,
                   v.level, v.trend, v.season, v.promotion, v.stockout, v.override,
                   v.figure, v.system, v.naive, v.promo, v.o_active, v.o_qty, v.o_reason,
                   v.o_user, v.o_date, FALSE, FALSE,
                   %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
              FROM unnest(%(ids)s::int[], %(weeks)s::date[], %(lags)s::int[],
                          %(methods)s::varchar[], %(level)s::numeric[], %(trend)s::numeric[],
                          %(season)s::numeric[], %(promotion)s::numeric[],
                          %(stockout)s::numeric[], %(override)s::numeric[],
                          %(figure)s::numeric[], %(system)s::numeric[], %(naive)s::numeric[],
                          %(promo)s::bool[], %(o_active)s::bool[], %(o_qty)s::numeric[],
                          %(o_reason)s::varchar[], %(o_user)s::int[],
                          %(o_date)s::timestamp[])
                   AS v(series_id, week, lag, method, level, trend, season, promotion,
                        stockout, override, figure, system, naive, promo, o_active, o_qty,
                        o_reason, o_user, o_date)
              JOIN omni_stock_forecast_series s ON s.id = v.series_id
            """,
            run=self.id, uid=self.env.uid, ids=ids.tolist(), weeks=week_col,
            lags=list(range(1, horizon + 1)) * n,
            methods=[fc.METHODS[result["method"][i]] for i in range(n) for _h in range(horizon)],
            level=col(result["level"]), trend=col(result["trend"]),
            season=col(result["season"]), promotion=col(result["promotion"]),
            stockout=col(result["stockout"]), override=col(override), figure=col(figure),
            system=col(system), naive=col(result["naive"]),
            promo=np.asarray(promo_future, dtype=bool).reshape(-1).tolist(),
            o_active=o_active, o_qty=o_qty, o_reason=o_reason, o_user=o_user, o_date=o_date,
        ))
        del per_series
        self.env["omni.stock.forecast.line"].invalidate_model()
        self.env["omni.stock.forecast.series"].invalidate_model()

    def _measure(self, series, sales, instock):
        """The weeks of the history that lines still wait for: their actual demand,
        known when the week was in stock every day."""
        cr = self.env.cr
        start = self._history_start()
        cr.execute(SQL(
            """
            SELECT l.id, l.series_id, (l.week_start - %s) / 7
              FROM omni_stock_forecast_line l
             WHERE l.series_id = ANY(%s) AND NOT l.measured
               AND l.week_start >= %s AND l.week_start < %s
            """,
            start, series.ids, start, self.origin,
        ))
        rows = cr.fetchall()
        if not rows:
            return
        index = {sid: i for i, sid in enumerate(series.ids)}
        line_ids, actual, known = [], [], []
        for line_id, sid, week in rows:
            i, w = index[sid], int(week)
            value = sales[i, w]
            ok = bool(instock[i, w] >= DAYS and not np.isnan(value))
            line_ids.append(line_id)
            actual.append(float(value) if ok else None)
            known.append(ok)
        cr.execute(SQL(
            """
            UPDATE omni_stock_forecast_line l
               SET measured = TRUE, actual_known = v.known, actual_qty = v.actual,
                   abs_error = CASE WHEN v.known THEN ABS(l.figure - v.actual) END,
                   system_abs_error = CASE WHEN v.known THEN ABS(l.system_qty - v.actual) END,
                   naive_abs_error = CASE WHEN v.known THEN ABS(l.naive_qty - v.actual) END
              FROM unnest(%s::int[], %s::numeric[], %s::bool[]) AS v(id, actual, known)
             WHERE l.id = v.id
            """,
            line_ids, actual, known,
        ))
        self.env["omni.stock.forecast.line"].invalidate_model()

    # ------------------------------------------------------------------
    # entry points
    # ------------------------------------------------------------------
    @api.model
    def _cron_nightly(self):
        """One run per company, its batches as queue jobs."""
        for company in self.env["res.company"].search([("active", "=", True)]):
            run = self.create({"company_id": company.id})
            run.action_start()

    def action_view_series(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "omni_stock_forecast.action_omni_stock_forecast_series")
        action["domain"] = [("run_id", "=", self.id)]
        return action

    @api.ondelete(at_uninstall=False)
    def _unlink_except_running(self):
        if any(run.state == "running" for run in self):
            raise UserError(self.env._("A running forecast cannot be deleted."))
