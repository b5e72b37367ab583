# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A replenishment recommendation per product × warehouse (its stock location).

Demand is read from the suite's forecasts (``omni_stock_forecast``: weekly figures
per product × warehouse with season, promotion and stockout correction; the demand of
web and marketplace orders is in the series of the warehouse that ships it, once).
Without a forecast: the last 4 weeks' sales from the ledger, corrected for the days
out of stock. Lead time: the vendor's measured receipts (supplier scorecards: mean and
spread), else the vendor's promised delay, else the company default. Service level:
the product's ABC class in the warehouse (the count addon's classes).

The run writes recommendations only; reordering rules change only when an inventory
manager applies a recommendation, and each change is logged (who, old → new).
"""

import datetime
import math

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..tools import replenish_formula as rf

MANAGER = "stock.group_stock_manager"
RISKS = [("none", "No Demand"), ("low", "Low"), ("medium", "Medium"), ("high", "High")]
LEAD_SOURCES = [
    ("scorecard", "Measured (scorecards)"),
    ("promise", "Vendor's promise (no receipts yet)"),
    ("default", "Company default"),
]
DEMAND_SOURCES = [("forecast", "Forecast"), ("history", "Last 4 weeks' sales")]
STATES = [("new", "To Review"), ("applied", "Applied"), ("unchanged", "Rule Matches")]
# receipt lines of a vendor into one warehouse below which its lead time is read
# over every warehouse
MIN_LEAD_LINES = 10


class OmniStockReplenishRecommendation(models.Model):
    _name = "omni.stock.replenish.recommendation"
    _description = "Replenishment Recommendation"
    _order = "stockout_rank desc, warehouse_id, product_id"
    _rec_name = "product_id"

    product_id = fields.Many2one("product.product", required=True, readonly=True,
                                 index=True, ondelete="cascade")
    warehouse_id = fields.Many2one("stock.warehouse", required=True, readonly=True,
                                   index=True, ondelete="cascade")
    location_id = fields.Many2one("stock.location", readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    run_id = fields.Many2one("omni.stock.replenish.run", readonly=True, index=True,
                             ondelete="set null")
    orderpoint_id = fields.Many2one("stock.warehouse.orderpoint", "Reordering Rule",
                                    readonly=True, ondelete="set null")
    vendor_id = fields.Many2one("res.partner", readonly=True)
    state = fields.Selection(STATES, default="new", required=True, readonly=True,
                             index=True)
    abc_class = fields.Char("ABC", readonly=True)
    service_level = fields.Float(
        "Fill Rate Target", readonly=True, digits=(16, 3),
        help="The ABC class's fill rate target: units served from the shelf ÷ units "
             "asked.")
    demand_source = fields.Selection(DEMAND_SOURCES, readonly=True)
    daily_demand = fields.Float("Demand / Day", readonly=True, digits=(16, 3))
    daily_sd = fields.Float("Demand σ / Day", readonly=True, digits=(16, 3))
    seasonal_index = fields.Float(readonly=True, digits=(16, 2))
    promotion = fields.Boolean("Promotion Ahead", readonly=True)
    lead_time_mean = fields.Float("Lead Time (days)", readonly=True, digits=(16, 1))
    lead_time_sd = fields.Float("Lead Time σ (days)", readonly=True, digits=(16, 1))
    lead_time_source = fields.Selection(LEAD_SOURCES, readonly=True)
    on_hand = fields.Float(readonly=True, digits="Product Unit of Measure")
    position = fields.Float(
        "Stock Position", readonly=True, digits="Product Unit of Measure",
        help="Sellable on hand + incoming − outgoing not yet done.")
    safety_qty = fields.Float("Safety Stock", readonly=True, digits="Product Unit of Measure")
    min_qty = fields.Float("Recommended Min", readonly=True, digits="Product Unit of Measure")
    max_qty = fields.Float("Recommended Max", readonly=True, digits="Product Unit of Measure")
    order_qty = fields.Float("Order Now", readonly=True, digits="Product Unit of Measure")
    current_min = fields.Float("Rule Min", readonly=True, digits="Product Unit of Measure")
    current_max = fields.Float("Rule Max", readonly=True, digits="Product Unit of Measure")
    cover_days = fields.Float("Days of Cover", readonly=True, digits=(16, 1))
    weeks_of_cover = fields.Float(readonly=True, digits=(16, 1))
    age_days = fields.Integer("Days Since Last Receipt", readonly=True)
    next_receipt_date = fields.Date(
        readonly=True, help="When the earliest receipt on its way is scheduled (purchase "
        "or transfer).")
    stockout_risk = fields.Selection(RISKS, readonly=True, index=True)
    stockout_rank = fields.Integer(readonly=True)
    overstock_risk = fields.Selection(RISKS, readonly=True, index=True)
    explanation = fields.Text(readonly=True)
    computed_at = fields.Datetime(readonly=True)

    _sql_constraints = [
        ("recommendation_uniq", "unique (product_id, warehouse_id)",
         "One recommendation per product and warehouse."),
    ]

    # ------------------------------------------------------------------
    # reading the inputs, set-based
    # ------------------------------------------------------------------
    @api.model
    def _as_of(self):
        """The day the figures are computed for: today, or the context's
        ``omni_replenish_as_of`` (a date: replaying the past, e.g. a simulation)."""
        as_of = self.env.context.get("omni_replenish_as_of")
        return fields.Date.to_date(as_of) if as_of else fields.Date.context_today(self)

    @api.model
    def _read_forecast(self, company, products, warehouses):
        """{(product, warehouse): (weekly figures, Σ season, promo ahead, σ week)}:
        upcoming weeks of every series of the pair (channel series included: each
        order is in the series of the warehouse that ships it, once)."""
        today = self._as_of()
        week = today - datetime.timedelta(days=today.weekday())
        self.env.cr.execute(SQL(
            """
            SELECT l.product_id, l.warehouse_id, array_agg(l.figure ORDER BY l.week_start),
                   SUM(l.season), bool_or(l.is_promo)
              FROM (SELECT product_id, warehouse_id, week_start, SUM(figure) AS figure,
                           SUM(season) AS season, bool_or(is_promo) AS is_promo
                      FROM omni_stock_forecast_line
                     WHERE company_id = %(company)s AND week_start >= %(week)s
                       AND product_id = ANY(%(products)s)
                       AND warehouse_id = ANY(%(warehouses)s)
                     GROUP BY 1, 2, 3) l
             GROUP BY 1, 2
            """,
            company=company.id, week=week, products=products, warehouses=warehouses))
        weeks = {(p, w): (figures, season, promo)
                 for p, w, figures, season, promo in self.env.cr.fetchall()}
        # forecast error: the chosen method's backtest MAE, σ ≈ 1.25 × MAE
        self.env.cr.execute(SQL(
            """
            SELECT product_id, warehouse_id,
                   sqrt(SUM(power(CASE method
                        WHEN 'seasonal_naive' THEN mae_seasonal_naive
                        WHEN 'moving_average' THEN mae_moving_average
                        WHEN 'ses' THEN mae_ses WHEN 'holt' THEN mae_holt
                        WHEN 'holt_winters' THEN mae_holt_winters
                        WHEN 'tsb' THEN mae_tsb END, 2)))
              FROM omni_stock_forecast_series
             WHERE company_id = %s AND product_id = ANY(%s) AND warehouse_id = ANY(%s)
             GROUP BY 1, 2
            """, company.id, products, warehouses))
        errors = {(p, w): mae for p, w, mae in self.env.cr.fetchall()}
        return {key: (*value, 1.25 * errors[key] if errors.get(key) is not None else None)
                for key, value in weeks.items()}

    @api.model
    def _read_history(self, products, warehouses, days=28):
        """{(product, warehouse): (units sold, days in stock)} over the last ``days``
        days: sales to customers from the warehouse; a day is in stock when the
        warehouse had sellable stock at its end or sold that day."""
        until = datetime.datetime.combine(self._as_of(), datetime.time()) + datetime.timedelta(
            days=1)
        since = until - datetime.timedelta(days=days)
        self.env.cr.execute(SQL(
            """
            SELECT m.product_id, src.warehouse_id, SUM(m.product_qty),
                   COUNT(DISTINCT m.date::date)
              FROM stock_move m
              JOIN stock_location src ON src.id = m.location_id
              JOIN stock_location dst ON dst.id = m.location_dest_id
             WHERE m.state = 'done' AND src.usage = 'internal' AND dst.usage = 'customer'
               AND m.origin_returned_move_id IS NULL AND m.date >= %s AND m.date < %s
               AND m.product_id = ANY(%s) AND src.warehouse_id = ANY(%s)
             GROUP BY 1, 2
            """, since, until, products, warehouses))
        return {(p, w): (qty, sale_days) for p, w, qty, sale_days in self.env.cr.fetchall()}

    @api.model
    def _read_stock(self, products, warehouses):
        """{(product, warehouse): [on hand sellable, position, last receipt, next
        receipt]} (next receipt: the earliest scheduled incoming move)."""
        self.env.cr.execute(SQL(
            """
            WITH loc AS (
                SELECT id, warehouse_id, omni_status FROM stock_location
                 WHERE usage = 'internal' AND warehouse_id = ANY(%(warehouses)s)
            )
            SELECT q.product_id, l.warehouse_id, SUM(q.quantity), 'hand', NULL::timestamp
              FROM stock_quant q JOIN loc l ON l.id = q.location_id
             WHERE q.product_id = ANY(%(products)s) AND l.omni_status = 'sellable'
             GROUP BY 1, 2
            UNION ALL
            SELECT m.product_id, di.warehouse_id, SUM(m.product_qty), 'in', MIN(m.date)
              FROM stock_move m JOIN loc di ON di.id = m.location_dest_id
              LEFT JOIN loc si ON si.id = m.location_id AND si.warehouse_id = di.warehouse_id
             WHERE m.product_id = ANY(%(products)s) AND si.id IS NULL
               AND m.state NOT IN ('draft', 'done', 'cancel')
             GROUP BY 1, 2
            UNION ALL
            SELECT m.product_id, si.warehouse_id, SUM(m.product_qty), 'out', NULL
              FROM stock_move m JOIN loc si ON si.id = m.location_id
              LEFT JOIN loc di ON di.id = m.location_dest_id AND di.warehouse_id = si.warehouse_id
             WHERE m.product_id = ANY(%(products)s) AND di.id IS NULL
               AND m.state NOT IN ('draft', 'done', 'cancel')
             GROUP BY 1, 2
            UNION ALL
            SELECT m.product_id, di.warehouse_id, 0, 'last', MAX(m.date)
              FROM stock_move m JOIN loc di ON di.id = m.location_dest_id
              JOIN stock_location s ON s.id = m.location_id
             WHERE m.product_id = ANY(%(products)s) AND m.state = 'done'
               AND s.usage IN ('supplier', 'transit', 'production')
             GROUP BY 1, 2
            """, products=products, warehouses=warehouses))
        stock = {}
        for product, warehouse, qty, kind, last in self.env.cr.fetchall():
            row = stock.setdefault((product, warehouse), [0.0, 0.0, None, None])
            if kind == "hand":
                row[0] += qty
                row[1] += qty
            elif kind == "in":
                row[1] += qty
                row[3] = last
            elif kind == "out":
                row[1] -= qty
            else:
                row[2] = last
        return stock

    @api.model
    def _read_vendors(self, company, products):
        """{product: (vendor, promised delay, minimum qty)}: the first vendor line."""
        self.env.cr.execute(SQL(
            """
            SELECT DISTINCT ON (pp.id) pp.id, s.partner_id, s.delay, s.min_qty
              FROM product_product pp
              JOIN product_supplierinfo s
                ON s.product_tmpl_id = pp.product_tmpl_id
               AND (s.product_id IS NULL OR s.product_id = pp.id)
               AND (s.company_id IS NULL OR s.company_id = %s)
             WHERE pp.id = ANY(%s)
             ORDER BY pp.id, s.sequence, s.min_qty, s.id
            """, company.id, products))
        return {p: (partner, delay, min_qty) for p, partner, delay, min_qty in
                self.env.cr.fetchall()}

    @api.model
    def _read_classes(self, products, warehouses):
        self.env.cr.execute(SQL(
            "SELECT product_id, warehouse_id, abc_class FROM omni_stock_abc_class"
            " WHERE product_id = ANY(%s) AND warehouse_id = ANY(%s)", products, warehouses))
        return {(p, w): c for p, w, c in self.env.cr.fetchall()}

    @api.model
    def _read_orderpoints(self, products, warehouses):
        self.env.cr.execute(SQL(
            """
            SELECT DISTINCT ON (o.product_id, o.warehouse_id) o.product_id, o.warehouse_id,
                   o.id, o.product_min_qty, o.product_max_qty, o.qty_multiple
              FROM stock_warehouse_orderpoint o
              JOIN stock_warehouse wh ON wh.id = o.warehouse_id
             WHERE o.active AND o.product_id = ANY(%s) AND o.warehouse_id = ANY(%s)
             ORDER BY o.product_id, o.warehouse_id, o.location_id = wh.lot_stock_id DESC,
                      o.id
            """, products, warehouses))
        return {(p, w): (op, mn, mx, mult) for p, w, op, mn, mx, mult in
                self.env.cr.fetchall()}

    # ------------------------------------------------------------------
    # the computation
    # ------------------------------------------------------------------
    @api.model
    def _measured_lead_time(self, lead_stats, vendor, warehouse):
        """(mean, sd, lines) of the vendor's receipts into the warehouse when measured
        on at least ``MIN_LEAD_LINES`` lines, else over every warehouse (a few
        receipts of one warehouse say little about the vendor); None: nothing
        measured."""
        own = lead_stats.get((vendor, warehouse))
        if own and own[2] >= MIN_LEAD_LINES:
            return own
        return lead_stats.get((vendor, None)) or own

    @api.model
    def _prepare_recommendation_vals(self, company, key, inputs):
        """The figures of one product × warehouse (a dict of column values)."""
        product, warehouse = key
        forecast, history, stock, vendor, abc, orderpoint, lead_stats, lot_stock = inputs
        review = company.omni_repl_review_days or 7
        notes = []
        # lead time: measured, else promised, else the company default
        lead_mean, lead_sd, lead_source = company.omni_repl_default_lead_days, 0.0, "default"
        vendor_id = vendor[0] if vendor else None
        if vendor:
            measured = self._measured_lead_time(lead_stats, vendor[0], warehouse)
            if measured and measured[0] is not None:
                lead_mean, sample_sd, lines = measured[0], measured[1] or 0.0, measured[2]
                lead_sd = rf.lead_time_prediction_sd(sample_sd, lines)
                lead_source = "scorecard"
                notes.append(f"lead time measured on {lines} receipt lines of the "
                             f"vendor: mean {lead_mean:.1f} days, σ {sample_sd:.2f} → "
                             f"σ of the next receipt = σ √(1 + 1/n) = {lead_sd:.2f}")
            else:
                lead_mean, lead_source = float(vendor[1] or 0.0), "promise"
                notes.append(f"lead time: the vendor's promised {lead_mean:g} days "
                             "(no receipts measured yet)")
        else:
            notes.append(f"lead time: company default {lead_mean:g} days (no vendor)")
        # demand: the forecast weeks covering lead time + review period
        season_index, promo = 1.0, False
        if forecast:
            figures, season, promo, sigma_week = forecast
            span = max(1, math.ceil((lead_mean + review) / 7.0))
            weeks = [float(f) for f in figures[:span]]
            daily, sd_from_weeks = rf.demand_stats(weeks)
            daily_sd = sigma_week / math.sqrt(7.0) if sigma_week is not None else sd_from_weeks
            total = sum(float(f) for f in figures)
            base = total - float(season or 0.0)
            season_index = total / base if base > 0 else 1.0
            demand_source = "forecast"
            notes.insert(0, f"demand: forecast of the next {len(weeks)} week(s) "
                         f"{', '.join(f'{w:g}' for w in weeks)} → {daily:.3f}/day; σ from "
                         "the forecast's backtest error" + (
                             " (promotion ahead)" if promo else ""))
        else:
            sold, sale_days = history or (0.0, 0)
            days = 28
            daily = sold / days if sold else 0.0
            # lost-sales correction: the days out of stock sold nothing
            on_hand = (stock or [0.0])[0]
            if sold and on_hand <= 0 and sale_days < days:
                corrected = rf.lost_sales_corrected(sold, max(sale_days, 1), days)
                daily = corrected / days
            daily_sd = math.sqrt(daily)  # Poisson: variance = mean
            demand_source = "history"
            notes.insert(0, f"demand: no forecast; last {days} days' sales {sold or 0:g} → "
                         f"{daily:.3f}/day, σ = √d (Poisson)")
        klass = (abc or "C").upper()
        level = company._omni_repl_service_level(klass)
        on_hand, position, last_receipt, next_receipt = stock or (0.0, 0.0, None, None)
        multiple = orderpoint[3] if orderpoint else 0.0
        result = rf.recommend(daily, daily_sd, lead_mean, lead_sd, level, review, position,
                              min_order=float(vendor[2] or 0.0) if vendor else 0.0,
                              multiple=multiple or 0.0)
        age = (self._as_of() - last_receipt.date()).days if last_receipt else None
        overstock, weeks_cover = rf.overstock_risk(
            on_hand, daily, company.omni_repl_overstock_weeks, age, company.omni_repl_age_days)
        stockout = rf.stockout_risk(position, daily, lead_mean, lead_sd)
        cover = rf.cover_days(position, daily)
        current_min = orderpoint[1] if orderpoint else 0.0
        current_max = orderpoint[2] if orderpoint else 0.0
        state = "unchanged" if orderpoint and (current_min, current_max) == (
            result["min"], result["max"]) else "new"
        explanation = "\n".join([
            *notes, f"ABC class {klass} → fill rate target {level:.0%}",
            *result["explanation"],
            f"stockout risk {stockout}: cover "
            + (f"{cover:.1f} days" if cover is not None else "∞")
            + f" vs lead time {lead_mean:.1f} (+σ {lead_sd:.1f})",
            f"overstock risk {overstock}: "
            + (f"{weeks_cover:.1f} weeks of cover" if weeks_cover is not None else
               "no demand") + f" (limit {company.omni_repl_overstock_weeks:g})"
            + (f", last receipt {age} days ago" if age is not None else ""),
        ])
        return {
            "product_id": product, "warehouse_id": warehouse, "location_id": lot_stock,
            "company_id": company.id, "orderpoint_id": orderpoint[0] if orderpoint else None,
            "vendor_id": vendor_id, "state": state, "abc_class": klass,
            "service_level": level, "demand_source": demand_source, "daily_demand": daily,
            "daily_sd": daily_sd, "seasonal_index": season_index, "promotion": bool(promo),
            "lead_time_mean": lead_mean, "lead_time_sd": lead_sd,
            "lead_time_source": lead_source, "on_hand": on_hand, "position": position,
            "safety_qty": result["safety"], "min_qty": result["min"],
            "max_qty": result["max"], "order_qty": result["order"],
            "current_min": current_min, "current_max": current_max, "cover_days": cover,
            "weeks_of_cover": weeks_cover, "age_days": age, "stockout_risk": stockout,
            "next_receipt_date": next_receipt.date() if next_receipt else None,
            "stockout_rank": {"high": 3, "medium": 2, "low": 1}.get(stockout, 0),
            "overstock_risk": overstock, "explanation": explanation,
        }

    @api.model
    def _compute_pairs(self, company, pairs, run=None):
        """Compute and store (replace) the recommendations of ``pairs``
        [(product, warehouse)]; returns how many."""
        if not pairs:
            return 0
        self.env.flush_all()
        products = sorted({p for p, _w in pairs})
        warehouses = sorted({w for _p, w in pairs})
        forecast = self._read_forecast(company, products, warehouses)
        history = self._read_history(products, warehouses)
        stock = self._read_stock(products, warehouses)
        vendors = self._read_vendors(company, products)
        classes = self._read_classes(products, warehouses)
        orderpoints = self._read_orderpoints(products, warehouses)
        lead_stats = self.env["omni.stock.supplier.scorecard"]._lead_time_stats(
            {v[0] for v in vendors.values()}, company, as_of=self._as_of())
        self.env.cr.execute(SQL("SELECT id, lot_stock_id FROM stock_warehouse"
                                " WHERE id = ANY(%s)", warehouses))
        lot_stock = dict(self.env.cr.fetchall())
        rows = [
            self._prepare_recommendation_vals(company, key, (
                forecast.get(key), history.get(key), stock.get(key), vendors.get(key[0]),
                classes.get(key), orderpoints.get(key), lead_stats, lot_stock[key[1]]))
            for key in pairs
        ]
        self._store(rows, run)
        return len(rows)

    @api.model
    def _store(self, rows, run=None):
        if not rows:
            return
        columns = list(rows[0])
        types = {
            "product_id": "int", "warehouse_id": "int", "location_id": "int",
            "company_id": "int", "orderpoint_id": "int", "vendor_id": "int",
            "age_days": "int", "stockout_rank": "int", "promotion": "bool",
            "next_receipt_date": "date", "state": "varchar", "abc_class": "varchar",
            "demand_source": "varchar", "lead_time_source": "varchar",
            "stockout_risk": "varchar", "overstock_risk": "varchar", "explanation": "text",
        }
        arrays = SQL(", ").join(
            SQL("%s::%s[]", [row[c] for row in rows], SQL(types.get(c, "float8")))
            for c in columns)
        names = SQL(", ").join(SQL.identifier(c) for c in columns)
        updates = SQL(", ").join(
            SQL("%s = EXCLUDED.%s", SQL.identifier(c), SQL.identifier(c))
            for c in columns if c not in ("product_id", "warehouse_id"))
        self.env.cr.execute(SQL(
            """
            INSERT INTO omni_stock_replenish_recommendation
                   (%(names)s, run_id, computed_at, create_uid, create_date, write_uid,
                    write_date)
            SELECT v.*, %(run)s, now() AT TIME ZONE 'UTC', %(uid)s,
                   now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
              FROM unnest(%(arrays)s) AS v(%(names)s)
            ON CONFLICT (product_id, warehouse_id) DO UPDATE
               SET %(updates)s, run_id = EXCLUDED.run_id,
                   computed_at = EXCLUDED.computed_at, write_uid = EXCLUDED.write_uid,
                   write_date = EXCLUDED.write_date
            """,
            names=names, arrays=arrays, updates=updates, run=run.id if run else None,
            uid=self.env.uid))
        self.invalidate_model()

    # ------------------------------------------------------------------
    # applying to reordering rules
    # ------------------------------------------------------------------
    def _ensure_can_apply(self):
        if not self.env.user.has_group(MANAGER):
            raise AccessError(self.env._(
                "Only inventory managers can apply recommendations to reordering rules."))
        self.check_access("read")
        if not self:
            raise UserError(self.env._("Select the recommendations to apply."))

    def _prepare_orderpoint_vals(self):
        self.ensure_one()
        return {
            "product_id": self.product_id.id, "warehouse_id": self.warehouse_id.id,
            "location_id": self.location_id.id, "company_id": self.company_id.id,
            "product_min_qty": self.min_qty, "product_max_qty": self.max_qty,
            "trigger": "auto",
        }

    def action_apply(self):
        """Write the recommended min and max to the reordering rules (creating the
        rule when the product has none in the warehouse), each change logged."""
        self._ensure_can_apply()
        Log = self.env["omni.stock.replenish.apply.log"]
        # earned: _ensure_can_apply (inventory manager, read access incl. company rules)
        Orderpoint = self.env["stock.warehouse.orderpoint"].sudo()
        applied = 0
        for rec in self.sudo():
            orderpoint = rec.orderpoint_id
            if not orderpoint:
                orderpoint = Orderpoint.search([
                    ("product_id", "=", rec.product_id.id),
                    ("warehouse_id", "=", rec.warehouse_id.id),
                    ("location_id", "=", rec.location_id.id)], limit=1)
            old_min = orderpoint.product_min_qty if orderpoint else 0.0
            old_max = orderpoint.product_max_qty if orderpoint else 0.0
            if orderpoint and (old_min, old_max) == (rec.min_qty, rec.max_qty):
                rec.write({"state": "unchanged", "orderpoint_id": orderpoint.id})
                continue
            vals = rec._prepare_orderpoint_vals()
            if orderpoint:
                orderpoint.write({"product_min_qty": rec.min_qty,
                                  "product_max_qty": rec.max_qty})
            else:
                orderpoint = Orderpoint.create(vals)
            Log.sudo().create(rec._prepare_apply_log_vals(orderpoint, old_min, old_max))
            rec.write({"state": "applied", "orderpoint_id": orderpoint.id,
                       "current_min": rec.min_qty, "current_max": rec.max_qty})
            applied += 1
        return {
            "type": "ir.actions.client", "tag": "display_notification",
            "params": {"type": "success", "message": self.env._(
                "%(applied)s reordering rule(s) changed, %(same)s already matched.",
                applied=applied, same=len(self) - applied)},
        }

    def _prepare_apply_log_vals(self, orderpoint, old_min, old_max):
        self.ensure_one()
        return {
            "recommendation_id": self.id, "orderpoint_id": orderpoint.id,
            "product_id": self.product_id.id, "warehouse_id": self.warehouse_id.id,
            "company_id": self.company_id.id, "user_id": self.env.uid,
            "old_min": old_min, "old_max": old_max, "new_min": self.min_qty,
            "new_max": self.max_qty, "explanation": self.explanation,
        }

    def action_recompute(self):
        """Recompute these recommendations now (managers), without a run."""
        if not self.env.user.has_group(MANAGER):
            raise AccessError(self.env._("Only inventory managers can run replenishment."))
        self.check_access("read")
        # earned: the manager's right is checked above
        for company in self.company_id:
            company_pairs = [(r.product_id.id, r.warehouse_id.id) for r in self
                             if r.company_id == company]
            # earned: the manager's right is checked above
            self.sudo()._compute_pairs(company, company_pairs)
        return True
