# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""KPI definitions and the framework that computes them.

Each KPI is a record (data file) that declares its data source: a model
(``source_model``) and the module providing it (``source_module``).  A KPI is
computed only when its source model is in the registry and the method
``_kpi_<code>(period)`` exists; otherwise the board shows a row that says which
module is missing instead of a 0.

``_kpi_<code>(period)`` returns one :class:`odoo.tools.SQL` SELECT yielding rows
``(day date, company_id int, warehouse_id int, location_id int, channel_id int,
numerator float8, denominator float8)``; the framework sums them per day and
dimensions and stores them in ``omni.stock.kpi.value``.  The board shows
``Σ numerator / Σ denominator`` for any grouping (scaled by 100 for percentages),
so ratios aggregate correctly over days, stores and channels.
"""

import calendar
import dataclasses
import datetime

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

UNITS = [("percent", "%"), ("days", "Days"), ("ratio", "Ratio")]
UNIT_FACTOR = {"percent": 100.0, "days": 1.0, "ratio": 1.0}
# the board compares the last BOARD_DAYS days with the BOARD_DAYS before them
BOARD_DAYS = 30
REPORT_USER = "omni_stock_report.group_omni_report_user"


@dataclasses.dataclass(frozen=True)
class KpiPeriod:
    """A closed range of days (UTC) for the companies to compute."""

    date_from: datetime.date
    date_to: datetime.date
    company_ids: tuple

    @property
    def dt_from(self):
        return datetime.datetime.combine(self.date_from, datetime.time.min)

    @property
    def dt_to(self):
        """Exclusive end: the first instant after ``date_to``."""
        return datetime.datetime.combine(
            self.date_to + datetime.timedelta(days=1), datetime.time.min
        )

    @property
    def companies(self):
        return list(self.company_ids)


def month_periods(date_from, date_to, company_ids):
    """Whole calendar months covering ``date_from``..``date_to``."""
    start = date_from.replace(day=1)
    while start <= date_to:
        last = start.replace(day=calendar.monthrange(start.year, start.month)[1])
        yield KpiPeriod(start, last, tuple(company_ids))
        start = last + datetime.timedelta(days=1)


class OmniStockKpi(models.Model):
    _name = "omni.stock.kpi"
    _description = "Stock KPI Definition"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Computed by the method _kpi_<code>.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text("Definition", translate=True)
    data_source = fields.Char(translate=True, help="The records the KPI is computed from.")
    source_model = fields.Char(help="Technical name of the model the KPI reads.")
    source_module = fields.Char(help="Module that provides the source model.")
    unit = fields.Selection(UNITS, required=True, default="percent")
    higher_is_better = fields.Boolean(default=True)
    best_at_zero = fields.Boolean(
        "Best at Zero", help="Neither higher nor lower is better: the closer to 0 (either "
        "side), the better (a bias). The target is then the largest distance from 0.")
    value_based = fields.Boolean(
        "Amounts", help="Its numerator and denominator are amounts (e.g. value lost over "
        "cost of goods sold): stored apart, read by finance only; everybody reads the "
        "ratio.")
    available = fields.Boolean(compute="_compute_available")
    availability = fields.Char(compute="_compute_available")
    has_target = fields.Boolean()
    target = fields.Float(
        digits=(16, 2), help="The figure aimed for, in the KPI's unit (reached when the "
        "figure is at least this, or at most this when lower is better).")
    # the board: this KPI over the last 30 days against the 30 days before, for the
    # companies selected (one grouped read per period for all KPIs)
    board_value = fields.Float("Last 30 Days", compute="_compute_board", digits=(16, 2))
    board_previous = fields.Float("Previous 30 Days", compute="_compute_board",
                                  digits=(16, 2))
    board_value_text = fields.Char("Figure", compute="_compute_board")
    board_previous_text = fields.Char("Before", compute="_compute_board")
    board_target_text = fields.Char("Target Figure", compute="_compute_board")
    board_trend_text = fields.Char("Trend", compute="_compute_board")
    board_trend = fields.Selection(
        [("better", "Better"), ("worse", "Worse"), ("same", "Unchanged"), ("none", "No data")],
        compute="_compute_board")
    board_state = fields.Selection(
        [("good", "On target"), ("bad", "Off target"), ("no_target", "No target"),
         ("no_data", "No data")], "Status", compute="_compute_board")

    _sql_constraints = [("code_uniq", "unique(code)", "The KPI code must be unique.")]

    @api.depends("code", "source_model", "source_module")
    def _compute_available(self):
        for kpi in self:
            kpi.available = kpi._is_available()
            kpi.availability = kpi._availability_note()

    @api.depends("name", "code", "source_model", "source_module")
    def _compute_display_name(self):
        for kpi in self:
            if kpi._is_available():
                kpi.display_name = kpi.name
            else:
                kpi.display_name = f"{kpi.name} ({kpi._availability_note()})"

    @api.depends("unit", "higher_is_better", "best_at_zero", "has_target", "target")
    @api.depends_context("allowed_company_ids")
    def _compute_board(self):
        today = fields.Date.context_today(self)
        start = today - datetime.timedelta(days=BOARD_DAYS - 1)
        figures = {
            "current": self._board_figures(start, today),
            "previous": self._board_figures(start - datetime.timedelta(days=BOARD_DAYS),
                                            start - datetime.timedelta(days=1)),
        }
        for kpi in self:
            value = figures["current"].get(kpi.id)
            previous = figures["previous"].get(kpi.id)
            kpi.board_value = value or 0.0
            kpi.board_previous = previous or 0.0
            kpi.board_value_text = kpi._format_figure(value)
            kpi.board_previous_text = kpi._format_figure(previous)
            kpi.board_target_text = kpi._format_figure(kpi.target) if kpi.has_target else ""
            kpi.board_trend, kpi.board_trend_text = kpi._board_trend(value, previous)
            if value is None:
                kpi.board_state = "no_data"
            elif not kpi.has_target:
                kpi.board_state = "no_target"
            else:
                reached = kpi._better_or_equal(value, kpi.target)
                kpi.board_state = "good" if reached else "bad"

    @api.model
    def _set_targets(self, targets):
        """Give the KPIs of these codes a target ({code: figure in the KPI's unit})."""
        for kpi in self.search([("code", "in", list(targets))]):
            kpi.write({"has_target": True, "target": targets[kpi.code]})

    def _board_figures(self, date_from, date_to):
        """{kpi id: Σ numerator / Σ denominator} over the days, for the user's companies."""
        groups = self.env["omni.stock.kpi.value"]._read_group(
            [("kpi_id", "in", self.ids), ("available", "=", True),
             ("date", ">=", date_from), ("date", "<=", date_to),
             ("company_id", "in", self.env.companies.ids)],
            ["kpi_id"], ["value:avg"])
        # no figure (nothing counted) comes back as False, never as a 0
        return {kpi.id: value for kpi, value in groups
                if value is not None and value is not False}

    def _format_figure(self, value):
        """A figure with its unit, as a manager reads it: "92.4 %", "3.1 days", "0.85"."""
        self.ensure_one()
        if value is None:
            return self.env._("no data")
        if self.unit == "percent":
            return self.env._("%(value).1f %%", value=value)
        if self.unit == "days":
            return self.env._("%(value).1f days", value=value)
        return self.env._("%(value).2f", value=value)

    def _better_or_equal(self, value, reference):
        """Whether ``value`` is at least as good as ``reference`` for this KPI."""
        self.ensure_one()
        if self.best_at_zero:
            return abs(value) <= abs(reference)
        return value >= reference if self.higher_is_better else value <= reference

    def _board_trend(self, value, previous):
        self.ensure_one()
        if value is None or previous is None:
            return "none", self.env._("no earlier figure")
        delta = value - previous
        step = {"percent": self.env._("pts"), "days": self.env._("days")}.get(self.unit, "")
        if abs(delta) < 0.005:
            return "same", self.env._("= unchanged")
        arrow = "▲" if delta > 0 else "▼"
        better = self._better_or_equal(value, previous)
        text = f"{arrow} {abs(delta):.{2 if self.unit == 'ratio' else 1}f} {step}".rstrip()
        return ("better" if better else "worse"), text

    def action_board_details(self):
        """The figures behind the board's line: this KPI alone by store and month (its
        totals add up one KPI, never several), down to each day's numerator and
        denominator in the list."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "omni_stock_report.action_omni_stock_kpi_value")
        action["name"] = self.name
        action["domain"] = [("kpi_id", "=", self.id)]
        action["context"] = {"search_default_period": 1, "pivot_row_groupby": ["warehouse_id"],
                             "pivot_column_groupby": ["date:month"]}
        return action

    def _is_available(self):
        self.ensure_one()
        return bool(
            self.source_model
            and self.source_model in self.env
            and hasattr(self, f"_kpi_{self.code}")
        )

    def _module_installed(self):
        self.ensure_one()
        if not self.source_module:
            return True
        # earned: no check needed: whether a module is installed
        module = self.env["ir.module.module"].sudo()._get(self.source_module)
        return module.state == "installed"

    def _availability_note(self):
        self.ensure_one()
        if self._is_available():
            return self.env._("computed")
        if not self._module_installed():
            return self.env._("needs %s, not installed", self.source_module)
        return self.env._("source installed, not computed yet")

    # ------------------------------------------------------------------
    # refresh
    # ------------------------------------------------------------------
    @api.model
    def _check_refresh_access(self):
        if not (self.env.su or self.env.user.has_group(REPORT_USER)):
            raise AccessError(self.env._("Only users with KPI access can recompute KPIs."))

    @api.model
    def refresh(self, date_from, date_to, companies=None):
        """Recompute every active KPI for the whole months covering the dates.

        :param companies: res.company records (default: the user's companies).
        """
        self._check_refresh_access()
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        if not date_from or not date_to or date_from > date_to:
            raise UserError(self.env._("Give a period whose start is not after its end."))
        companies = companies if companies is not None else self.env.companies
        companies.check_access("read")
        kpis = self.sudo().search([("active", "=", True)])
        for period in month_periods(date_from, date_to, companies.ids):
            kpis._store_period(period)
        self.env["omni.stock.kpi.value"].invalidate_model()
        return True

    def _store_period(self, period):
        Value = self.env["omni.stock.kpi.value"]
        Value.flush_model()
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(SQL(
            "DELETE FROM omni_stock_kpi_value WHERE kpi_id = ANY(%s) AND company_id = ANY(%s)"
            " AND date BETWEEN %s AND %s",
            self.ids, period.companies, period.date_from, period.date_to,
        ))
        for kpi in self:
            if kpi._is_available():
                query = getattr(kpi, f"_kpi_{kpi.code}")(period)
                cr.execute(kpi._insert_sql(query, period))
            else:
                cr.execute(SQL(
                    """
                    INSERT INTO omni_stock_kpi_value
                           (kpi_id, date, company_id, available, note,
                            create_uid, create_date, write_uid, write_date)
                    SELECT %(kpi)s, %(day)s, c.id, FALSE, %(note)s,
                           %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
                      FROM unnest(%(companies)s) AS c(id)
                    """,
                    kpi=kpi.id, day=period.date_from, note=kpi._availability_note(),
                    uid=self.env.uid, companies=period.companies,
                ))

    def _insert_sql(self, query, period):
        self.ensure_one()
        # the amounts of a value KPI go to the finance-only columns
        fractions = SQL("value_numerator, value_denominator") if self.value_based else \
            SQL("numerator, denominator")
        return SQL(
            """
            INSERT INTO omni_stock_kpi_value
                   (kpi_id, date, company_id, warehouse_id, location_id, channel_id,
                    %(fractions)s, value, available,
                    create_uid, create_date, write_uid, write_date)
            SELECT %(kpi)s, r.day, r.company_id, r.warehouse_id, r.location_id, r.channel_id,
                   SUM(r.numerator) * %(factor)s, SUM(r.denominator),
                   SUM(r.numerator) * %(factor)s / NULLIF(SUM(r.denominator), 0), TRUE,
                   %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
              FROM (%(query)s) AS r(day, company_id, warehouse_id, location_id, channel_id,
                                    numerator, denominator)
             WHERE r.company_id = ANY(%(companies)s)
               AND r.day BETWEEN %(date_from)s AND %(date_to)s
             GROUP BY r.day, r.company_id, r.warehouse_id, r.location_id, r.channel_id
            HAVING SUM(r.denominator) <> 0 OR SUM(r.numerator) <> 0
            """,
            kpi=self.id, factor=UNIT_FACTOR[self.unit], uid=self.env.uid, query=query,
            fractions=fractions,
            companies=period.companies, date_from=period.date_from, date_to=period.date_to,
        )

    @api.model
    def _cron_refresh(self):
        """Daily: the current month, and the previous one during the first days."""
        today = fields.Date.context_today(self)
        start = today.replace(day=1)
        if today.day <= 3:
            start = (start - datetime.timedelta(days=1)).replace(day=1)
        companies = self.env["res.company"].search([("active", "=", True)])
        self.refresh(start, today, companies)

    # ------------------------------------------------------------------
    # shared SQL parts
    # ------------------------------------------------------------------
    @api.model
    def _sale_lines_sql(self, period, states=("sale", "cancel")):
        """Storable lines of channel orders confirmed in the period, with their
        delivery state: settled (every delivery move done or cancelled), full
        (delivered quantity covers the ordered one) and backordered (a part
        left in a backorder)."""
        return SQL(
            """
            SELECT sol.id AS line_id, so.id AS order_id, so.company_id, so.warehouse_id,
                   so.omni_channel_id AS channel_id, so.date_order::date AS day,
                   so.state = 'cancel' AS cancelled,
                   sol.qty_delivered >= sol.product_uom_qty - 0.000001 AS full_qty,
                   d.settled, d.backordered, d.delivered_at,
                   COALESCE(so.commitment_date,
                            so.date_order + pt.sale_delay * interval '1 day') AS deadline
              FROM sale_order_line sol
              JOIN sale_order so ON so.id = sol.order_id
              JOIN product_product pp ON pp.id = sol.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
              JOIN LATERAL (
                    SELECT bool_and(m.state IN ('done', 'cancel')) AS settled,
                           bool_or(m.state = 'done' AND p.backorder_id IS NOT NULL)
                               AS backordered,
                           MAX(m.date) FILTER (WHERE m.state = 'done') AS delivered_at
                      FROM stock_move m
                      JOIN stock_location dest ON dest.id = m.location_dest_id
                      LEFT JOIN stock_picking p ON p.id = m.picking_id
                     WHERE m.sale_line_id = sol.id AND dest.usage = 'customer'
                       AND m.origin_returned_move_id IS NULL
                    HAVING COUNT(*) > 0
                   ) d ON TRUE
             WHERE pt.is_storable AND sol.display_type IS NULL
               AND so.omni_channel_id IS NOT NULL AND so.state IN %(states)s
               AND so.date_order >= %(dt_from)s AND so.date_order < %(dt_to)s
               AND so.company_id = ANY(%(companies)s)
            """,
            states=tuple(states), dt_from=period.dt_from, dt_to=period.dt_to,
            companies=period.companies,
        )

    @api.model
    def _damaged_return_lines_sql(self, period):
        """Sale line ids returned damaged: a return of their delivery into a location
        with status *damaged*.  ``omni_stock_return`` extends it with its grades
        (UNION more SELECTs of ``sale_line_id``)."""
        return SQL(
            """
            SELECT orig.sale_line_id
              FROM stock_move ret
              JOIN stock_move orig ON orig.id = ret.origin_returned_move_id
              JOIN stock_location dest ON dest.id = ret.location_dest_id
             WHERE ret.state = 'done' AND dest.omni_status = 'damaged'
               AND orig.sale_line_id IS NOT NULL AND ret.company_id = ANY(%s)
            """,
            period.companies,
        )

    # ------------------------------------------------------------------
    # KPIs whose sources are in the suite today
    # ------------------------------------------------------------------
    def _kpi_ats_accuracy(self, period):
        """Channel promises kept: lines delivered in full without backorder, over
        lines settled (every delivery done or cancelled) or cancelled."""
        return SQL(
            """
            SELECT l.day, l.company_id, l.warehouse_id, NULL::int, l.channel_id,
                   COUNT(*) FILTER (
                       WHERE NOT l.cancelled AND l.full_qty AND NOT l.backordered)::float8,
                   COUNT(*)::float8
              FROM (%s) l
             WHERE l.cancelled OR l.settled
             GROUP BY 1, 2, 3, 4, 5
            """,
            self._sale_lines_sql(period),
        )

    def _kpi_fill_rate(self, period):
        """Orders shipped complete in their first delivery, over orders shipped."""
        return SQL(
            """
            SELECT o.day, o.company_id, o.warehouse_id, NULL::int, o.channel_id,
                   COUNT(*) FILTER (WHERE o.complete)::float8, COUNT(*)::float8
              FROM (SELECT l.order_id, l.day, l.company_id, l.warehouse_id, l.channel_id,
                           bool_and(l.full_qty AND NOT l.backordered) AS complete
                      FROM (%s) l
                     GROUP BY 1, 2, 3, 4, 5
                    HAVING bool_and(l.settled)) o
             GROUP BY 1, 2, 3, 4, 5
            """,
            self._sale_lines_sql(period, states=("sale",)),
        )

    def _kpi_perfect_order(self, period):
        """Orders shipped complete, on time (last delivery on or before the commitment
        date, else the order date plus the customer lead time) and not returned damaged,
        over orders shipped."""
        return SQL(
            """
            SELECT o.day, o.company_id, o.warehouse_id, NULL::int, o.channel_id,
                   COUNT(*) FILTER (WHERE o.complete AND o.on_time AND NOT o.damaged)::float8,
                   COUNT(*)::float8
              FROM (SELECT l.order_id, l.day, l.company_id, l.warehouse_id, l.channel_id,
                           bool_and(l.full_qty AND NOT l.backordered) AS complete,
                           MAX(l.delivered_at)::date <= MIN(l.deadline)::date AS on_time,
                           bool_or(l.line_id IN (%s)) AS damaged
                      FROM (%s) l
                     GROUP BY 1, 2, 3, 4, 5
                    HAVING bool_and(l.settled)) o
             GROUP BY 1, 2, 3, 4, 5
            """,
            self._damaged_return_lines_sql(period),
            self._sale_lines_sql(period, states=("sale",)),
        )

    def _kpi_stockout_frequency(self, period):
        """Product-days at ATS 0 over product-days tracked, per channel, from the
        daily ATS snapshots."""
        return SQL(
            """
            SELECT s.date, s.company_id, NULL::int, NULL::int, s.channel_id,
                   s.products_out::float8, s.products_tracked::float8
              FROM omni_stock_ats_snapshot s
             WHERE s.date BETWEEN %s AND %s AND s.company_id = ANY(%s)
            """,
            period.date_from, period.date_to, period.companies,
        )

    def _kpi_inventory_turnover(self, period):
        """Units delivered to customers from the warehouse in the period, over its
        average on hand (mean of the on hand at the start and at the end)."""
        return SQL(
            """
            WITH wh_loc AS (
                SELECT id, warehouse_id, company_id FROM stock_location
                 WHERE usage = 'internal' AND warehouse_id IS NOT NULL
                   AND company_id = ANY(%(companies)s)
            ), on_hand AS (
                SELECT l.warehouse_id, l.company_id, SUM(q.quantity) AS qty
                  FROM stock_quant q JOIN wh_loc l ON l.id = q.location_id
                 GROUP BY 1, 2
            ), flows AS (
                SELECT l.warehouse_id, l.company_id, ml.date, ml.quantity_product_uom AS qty
                  FROM stock_move_line ml JOIN wh_loc l ON l.id = ml.location_dest_id
                 WHERE ml.state = 'done' AND ml.date >= %(dt_from)s
                UNION ALL
                SELECT l.warehouse_id, l.company_id, ml.date, -ml.quantity_product_uom
                  FROM stock_move_line ml JOIN wh_loc l ON l.id = ml.location_id
                 WHERE ml.state = 'done' AND ml.date >= %(dt_from)s
            ), since AS (
                SELECT warehouse_id, company_id, SUM(qty) AS since_start,
                       COALESCE(SUM(qty) FILTER (WHERE date >= %(dt_to)s), 0) AS since_end
                  FROM flows GROUP BY 1, 2
            ), shipped AS (
                SELECT l.warehouse_id, l.company_id, SUM(m.product_qty) AS qty
                  FROM stock_move m
                  JOIN wh_loc l ON l.id = m.location_id
                  JOIN stock_location dest ON dest.id = m.location_dest_id
                 WHERE m.state = 'done' AND dest.usage = 'customer'
                   AND m.date >= %(dt_from)s AND m.date < %(dt_to)s
                 GROUP BY 1, 2
            )
            SELECT %(day)s::date, w.company_id, w.id, NULL::int, NULL::int,
                   COALESCE(s.qty, 0)::float8,
                   ((COALESCE(h.qty, 0) - COALESCE(f.since_start, 0))
                    + (COALESCE(h.qty, 0) - COALESCE(f.since_end, 0)))::float8 / 2
              FROM stock_warehouse w
              LEFT JOIN on_hand h ON h.warehouse_id = w.id
              LEFT JOIN since f ON f.warehouse_id = w.id
              LEFT JOIN shipped s ON s.warehouse_id = w.id
             WHERE w.company_id = ANY(%(companies)s)
            """,
            companies=period.companies, dt_from=period.dt_from, dt_to=period.dt_to,
            day=period.date_from,
        )

    def _kpi_shrinkage_rate(self, period):
        """Value lost through adjustments and scraps (negative changes, every reason
        but supplier/customer claims) over the cost of goods delivered to customers,
        per warehouse."""
        return SQL(
            """
            SELECT log.date::date, log.company_id, loc.warehouse_id, NULL::int, NULL::int,
                   SUM(log.value)::float8, 0::float8
              FROM omni_stock_adjustment_log log
              JOIN stock_location loc ON loc.id = log.location_id
             WHERE log.event = 'applied' AND log.quantity_delta < 0
               AND log.reason_category IS DISTINCT FROM 'claim'
               AND log.date >= %(dt_from)s AND log.date < %(dt_to)s
               AND log.company_id = ANY(%(companies)s)
             GROUP BY 1, 2, 3
            UNION ALL
            SELECT m.date::date, m.company_id, src.warehouse_id, NULL::int, NULL::int,
                   0::float8,
                   SUM(m.product_qty
                       * COALESCE((pp.standard_price ->> m.company_id::text)::float8, 0))
              FROM stock_move m
              JOIN stock_location src ON src.id = m.location_id
              JOIN stock_location dest ON dest.id = m.location_dest_id
              JOIN product_product pp ON pp.id = m.product_id
             WHERE m.state = 'done' AND src.usage = 'internal' AND dest.usage = 'customer'
               AND m.date >= %(dt_from)s AND m.date < %(dt_to)s
               AND m.company_id = ANY(%(companies)s)
             GROUP BY 1, 2, 3
            """,
            dt_from=period.dt_from, dt_to=period.dt_to, companies=period.companies,
        )

    def _kpi_transfer_lead_time(self, period):
        """Days from shipping (the origin move into transit, else the creation of the
        receipt) to receipt, for moves out of a transit location into a warehouse."""
        return SQL(
            """
            SELECT m.date::date, m.company_id, dest.warehouse_id, NULL::int, NULL::int,
                   SUM(EXTRACT(EPOCH FROM m.date - COALESCE(orig.sent, p.create_date,
                                                            m.create_date)) / 86400.0),
                   COUNT(*)::float8
              FROM stock_move m
              JOIN stock_location src ON src.id = m.location_id
              JOIN stock_location dest ON dest.id = m.location_dest_id
              LEFT JOIN stock_picking p ON p.id = m.picking_id
              LEFT JOIN LATERAL (
                    SELECT MAX(o.date) AS sent
                      FROM stock_move_move_rel rel
                      JOIN stock_move o ON o.id = rel.move_orig_id AND o.state = 'done'
                     WHERE rel.move_dest_id = m.id
                   ) orig ON TRUE
             WHERE m.state = 'done' AND src.usage = 'transit' AND dest.usage = 'internal'
               AND m.date >= %(dt_from)s AND m.date < %(dt_to)s
               AND m.company_id = ANY(%(companies)s)
             GROUP BY 1, 2, 3
            """,
            dt_from=period.dt_from, dt_to=period.dt_to, companies=period.companies,
        )

    # ------------------------------------------------------------------
    # KPIs whose source addon is not part of the suite yet: their authors add
    # ``_kpi_inventory_accuracy`` (omni_stock_cycle_count: per location, numerator =
    # count lines within tolerance, denominator = count lines) and
    # ``_kpi_return_to_stock_time`` (omni_stock_return: numerator = days from receipt
    # to resale, denominator = units resold), and set ``source_model`` on the
    # records kpi_inventory_accuracy / kpi_return_to_stock_time.
    # ------------------------------------------------------------------
