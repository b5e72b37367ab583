# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Anomalies raised as alerts: shrink, suspicious adjustments, return abuse, unusual
transfers. Each candidate has a robust score (``tools.robust.robust_z``: distance to
the median of comparable history in MAD units, plus documented points for flags)
and its evidence (the records behind it); per store and week, only the
``weekly_budget`` highest scores of a kind are raised."""

import datetime
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL, float_repr

from ..tools.robust import median_mad, robust_z
from .omni_stock_alert_rule import ANOMALY_CODES, ANOMALY_KINDS

OUT_OF_HOURS_POINTS = 2.0
ROUND_POINTS = 1.0
# a history of identical values (MAD 0) scores deviations against half its median:
# 30 after a run of 20s is not an anomaly, 90 is
RELATIVE_FLOOR = 0.5


class OmniStockAlert(models.Model):
    _inherit = "omni.stock.alert"

    kind = fields.Selection(
        selection_add=ANOMALY_KINDS, ondelete=dict.fromkeys(ANOMALY_CODES, "cascade"))
    score = fields.Float(readonly=True, digits=(16, 2),
                         help="Anomalies: the robust score that raised the alert.")
    evidence_ids = fields.One2many("omni.stock.alert.evidence", "alert_id", readonly=True)
    evidence_count = fields.Integer(compute="_compute_evidence_count")

    @api.depends("evidence_ids")
    def _compute_evidence_count(self):
        for alert in self:
            alert.evidence_count = len(alert.evidence_ids)

    # ------------------------------------------------------------------
    # budget and evidence
    # ------------------------------------------------------------------
    def _raise_alerts(self, rule, candidates):
        if rule.kind not in ANOMALY_CODES or not candidates:
            return super()._raise_alerts(rule, candidates)
        existing = set(self.search([
            ("kind", "=", rule.kind), ("state", "!=", "resolved"),
            ("cause_key", "in", [c["cause_key"] for c in candidates]),
        ]).mapped(lambda a: (a.company_id.id, a.cause_key)))
        fresh = [c for c in candidates if (c["company_id"], c["cause_key"]) not in existing]
        fresh = self._within_budget(rule, fresh)
        evidence = {(c["company_id"], c["cause_key"]): c.pop("evidence", []) for c in fresh}
        for c in candidates:
            c.pop("evidence", None)
        alerts = super()._raise_alerts(rule, fresh)
        Evidence = self.env["omni.stock.alert.evidence"]
        Evidence.create([
            {"alert_id": alert.id, "sequence": seq, **item}
            for alert in alerts
            for seq, item in enumerate(evidence.get((alert.company_id.id, alert.cause_key), []))
        ])
        return alerts

    def _within_budget(self, rule, candidates):
        """The highest scores first, at most ``weekly_budget`` alerts of the kind per
        store (warehouse) and week, counting those raised earlier this week."""
        if not rule.weekly_budget:
            return candidates
        today = fields.Date.context_today(self)
        monday = datetime.datetime.combine(
            today - datetime.timedelta(days=today.weekday()), datetime.time.min)
        used = defaultdict(int)
        for alert in self.search([("kind", "=", rule.kind), ("date", ">=", monday)]):
            used[(alert.company_id.id, alert.warehouse_id.id)] += 1
        kept = []
        for candidate in sorted(candidates, key=lambda c: -c.get("score", 0.0)):
            key = (candidate["company_id"], candidate.get("warehouse_id") or False)
            if used[key] < rule.weekly_budget:
                used[key] += 1
                kept.append(candidate)
        return kept

    @staticmethod
    def _evidence(res_model, res_id, note, date=None):
        return {"res_model": res_model, "res_id": res_id, "note": note, "date": date}

    def _local_hour_sql(self, column):
        """The hour of ``column`` (UTC) in the company's time zone."""
        return SQL(
            "EXTRACT(HOUR FROM (%s AT TIME ZONE 'UTC') AT TIME ZONE "
            "COALESCE(NULLIF(cp.tz, ''), 'UTC'))", column)

    # ------------------------------------------------------------------
    # shrink
    # ------------------------------------------------------------------
    def _alert_shrink_anomaly(self, rule, companies):
        """Per store and product category: units lost through adjustments and scraps
        (negative changes, all reasons but claims) in the last 7 days, scored against
        the same store and category's weeks of the history window."""
        now = fields.Datetime.now()
        weeks = max(rule.history_days // 7, 2)
        rows = self._fetch(SQL(
            """
            SELECT log.company_id, loc.warehouse_id, pt.categ_id,
                   FLOOR(EXTRACT(EPOCH FROM %(now)s - log.date) / 604800)::int AS bucket,
                   SUM(-log.quantity_delta) AS qty, SUM(log.value) AS value,
                   array_agg(log.id ORDER BY log.id) AS log_ids
              FROM omni_stock_adjustment_log log
              JOIN stock_location loc ON loc.id = log.location_id
              JOIN product_product pp ON pp.id = log.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE log.event = 'applied' AND log.quantity_delta < 0
               AND log.reason_category IS DISTINCT FROM 'claim'
               AND log.date >= %(since)s AND log.date <= %(now)s
               AND loc.warehouse_id IS NOT NULL AND log.company_id = ANY(%(companies)s)
             GROUP BY 1, 2, 3, 4
            """,
            now=now, since=now - datetime.timedelta(weeks=weeks + 1), companies=companies.ids,
        ))
        groups = defaultdict(dict)
        for row in rows:
            groups[(row["company_id"], row["warehouse_id"], row["categ_id"])][row["bucket"]] = row
        Warehouse, Categ = self.env["stock.warehouse"], self.env["product.category"]
        candidates = []
        for (company_id, warehouse_id, categ_id), buckets in groups.items():
            current = buckets.get(0)
            if not current or current["value"] < rule.min_value:
                continue
            history = [buckets[b]["qty"] if b in buckets else 0.0 for b in range(1, weeks + 1)]
            score = robust_z(current["qty"], history)
            if score < rule.min_score:
                continue
            med, _mad = median_mad(history)
            warehouse, categ = Warehouse.browse(warehouse_id), Categ.browse(categ_id)
            logs = self.env["omni.stock.adjustment.log"].browse(current["log_ids"])
            candidates.append({
                "cause_key": f"shrink:{warehouse_id}:{categ_id}:{current['log_ids'][-1]}",
                "company_id": company_id, "warehouse_id": warehouse_id, "score": score,
                "name": self.env._("Shrink anomaly: %(categ)s in %(warehouse)s",
                                   categ=categ.display_name, warehouse=warehouse.name),
                "figure": self.env._(
                    "%(qty)s units lost in 7 days vs a weekly median of %(median)s over "
                    "%(weeks)s weeks (score %(score)s)",
                    qty=float_repr(current["qty"], 2), median=float_repr(med, 2),
                    weeks=weeks, score=float_repr(score, 1)),
                "res_model": "stock.warehouse", "res_id": warehouse_id,
                "evidence": [self._evidence(
                    "omni.stock.adjustment.log", log.id,
                    self.env._("%(qty)s %(product)s (%(reason)s)",
                               qty=float_repr(log.quantity_delta, 2),
                               product=log.product_id.display_name,
                               reason=log.reason_id.name or "-"), log.date) for log in logs],
            })
        return candidates

    # ------------------------------------------------------------------
    # suspicious adjustments
    # ------------------------------------------------------------------
    def _alert_suspicious_adjustment(self, rule, companies):
        """One alert per story: entries that are evidence of a repeated 'just under
        the threshold' alert are not raised again one by one."""
        under = self._adjustments_under_threshold(rule, companies)
        covered = {item["res_id"] for candidate in under for item in candidate["evidence"]}
        return under + [candidate for candidate in self._adjustments_out_of_pattern(
            rule, companies) if candidate["res_id"] not in covered]

    def _adjustments_under_threshold(self, rule, companies):
        """A user's adjustments just under the approval threshold (the last
        ``near_threshold`` share of it, quantity or value; the warehouse's thresholds
        when it has its own, else the company's), repeated in the lookback window:
        scored against the number of such adjustments per user and window in the
        history."""
        now = fields.Datetime.now()
        lookback = datetime.timedelta(days=max(rule.lookback_days, 1))
        periods = max(rule.history_days * 86400 // int(lookback.total_seconds()), 2)
        rows = self._fetch(SQL(
            """
            WITH limits AS (
                SELECT log.id, log.company_id, log.requester_id, loc.warehouse_id, log.date,
                       ABS(log.quantity_delta) AS qty, log.value,
                       CASE WHEN wh.omni_adj_override_thresholds THEN wh.omni_adj_threshold_qty
                            ELSE c.omni_adj_threshold_qty END AS max_qty,
                       CASE WHEN wh.omni_adj_override_thresholds
                            THEN wh.omni_adj_threshold_value
                            ELSE c.omni_adj_threshold_value END AS max_value
                  FROM omni_stock_adjustment_log log
                  JOIN stock_location loc ON loc.id = log.location_id
                  JOIN res_company c ON c.id = log.company_id
                  LEFT JOIN stock_warehouse wh ON wh.id = loc.warehouse_id
                 WHERE log.event = 'applied' AND log.requester_id IS NOT NULL
                   AND log.source IS DISTINCT FROM 'system'
                   AND log.date >= %(since)s AND log.company_id = ANY(%(companies)s)
            )
            SELECT company_id, requester_id,
                   FLOOR(EXTRACT(EPOCH FROM %(now)s - date) / %(period)s)::int AS bucket,
                   COUNT(*) AS n, array_agg(id ORDER BY id) AS log_ids,
                   MODE() WITHIN GROUP (ORDER BY warehouse_id) AS warehouse_id
              FROM limits
             WHERE (max_qty > 0 AND qty <= max_qty AND qty >= (1 - %(near)s) * max_qty)
                OR (max_value > 0 AND value <= max_value AND value >= (1 - %(near)s) * max_value)
             GROUP BY 1, 2, 3
            """,
            now=now, since=now - lookback * (periods + 1), companies=companies.ids,
            period=lookback.total_seconds(), near=rule.near_threshold,
        ))
        by_user = defaultdict(dict)
        for row in rows:
            by_user[(row["company_id"], row["requester_id"])][row["bucket"]] = row
        # what one user does in one window, over every user and window of the history
        reference = defaultdict(list)
        for (company_id, _user), buckets in by_user.items():
            reference[company_id].extend(
                buckets[b]["n"] for b in range(1, periods + 1) if b in buckets)
        candidates = []
        Users = self.env["res.users"]
        for (company_id, user_id), buckets in by_user.items():
            current = buckets.get(0)
            if not current or current["n"] < max(rule.min_count, 2):
                continue
            history = reference[company_id] + [0] * max(
                0, periods * len(by_user) - len(reference[company_id]))
            score = robust_z(current["n"], history)
            if score < rule.min_score:
                continue
            user = Users.browse(user_id)
            logs = self.env["omni.stock.adjustment.log"].browse(current["log_ids"])
            candidates.append({
                "cause_key": f"under:{user_id}:{current['log_ids'][-1]}",
                "company_id": company_id, "warehouse_id": current["warehouse_id"],
                "score": score,
                "name": self.env._("Adjustments just under the approval threshold by %s",
                                   user.name),
                "figure": self.env._(
                    "%(n)s adjustments within %(share)s %% under the threshold in %(days)s "
                    "days (score %(score)s)",
                    n=current["n"], share=float_repr(rule.near_threshold * 100, 0),
                    days=rule.lookback_days, score=float_repr(score, 1)),
                "res_model": "res.users", "res_id": user_id,
                "evidence": [self._evidence(
                    "omni.stock.adjustment.log", log.id,
                    self.env._("%(qty)s %(product)s",
                               qty=float_repr(log.quantity_delta, 2),
                               product=log.product_id.display_name), log.date)
                    for log in logs],
            })
        return candidates

    def _adjustments_out_of_pattern(self, rule, companies):
        """Each recent adjustment scored against its user's own adjustments of the
        history window (units changed, median/MAD, at least ``min_history`` of them),
        plus points out of working hours. Quantities only: values are finance's."""
        now = fields.Datetime.now()
        since = now - datetime.timedelta(days=max(rule.lookback_days, 1))
        rows = self._fetch(SQL(
            """
            SELECT log.id, log.company_id, log.requester_id, loc.warehouse_id, log.value,
                   ABS(log.quantity_delta) AS qty, log.date, %(hour)s AS hour,
                   h.quantities AS history
              FROM omni_stock_adjustment_log log
              JOIN stock_location loc ON loc.id = log.location_id
              JOIN res_company c ON c.id = log.company_id
              JOIN res_partner cp ON cp.id = c.partner_id
              LEFT JOIN LATERAL (
                    SELECT array_agg(ABS(hl.quantity_delta)) AS quantities
                      FROM omni_stock_adjustment_log hl
                     WHERE hl.event = 'applied' AND hl.requester_id = log.requester_id
                       AND hl.company_id = log.company_id AND hl.date < %(since)s
                       AND hl.date >= %(history_from)s
                   ) h ON TRUE
             WHERE log.event = 'applied' AND log.requester_id IS NOT NULL
               AND log.source IS DISTINCT FROM 'system'
               AND log.date >= %(since)s AND log.company_id = ANY(%(companies)s)
            """,
            hour=self._local_hour_sql(SQL("log.date")), since=since,
            history_from=since - datetime.timedelta(days=rule.history_days),
            companies=companies.ids,
        ))
        candidates = []
        for row in rows:
            history = row["history"] or []
            if len(history) < rule.min_history or (row["value"] or 0.0) < rule.min_value:
                continue
            med, _mad = median_mad(history)
            size = robust_z(row["qty"], history, floor=max(1.0, RELATIVE_FLOOR * med))
            off_hours = not rule.work_hour_from <= row["hour"] < rule.work_hour_to
            score = size + (OUT_OF_HOURS_POINTS if off_hours else 0.0)
            if score < rule.min_score:
                continue
            log = self.env["omni.stock.adjustment.log"].browse(row["id"])
            notes = [self.env._("%(qty)s %(uom)s changed vs this user's median %(median)s "
                                "(%(size)s MAD)", qty=float_repr(row["qty"], 2),
                                uom=log.product_id.uom_id.name, median=float_repr(med, 2),
                                size=float_repr(size, 1))]
            if off_hours:
                notes.append(self.env._("out of working hours (%s h)", int(row["hour"])))
            candidates.append({
                "cause_key": f"adjustment:{row['id']}",
                "company_id": row["company_id"], "warehouse_id": row["warehouse_id"],
                "score": score,
                "name": self.env._("Suspicious adjustment by %(user)s: %(product)s",
                                   user=log.requester_id.name,
                                   product=log.product_id.display_name),
                "figure": self.env._("%(notes)s (score %(score)s)", notes="; ".join(notes),
                                     score=float_repr(score, 1)),
                "product_id": log.product_id.id, "location_id": log.location_id.id,
                "res_model": "omni.stock.adjustment.log", "res_id": row["id"],
                "evidence": [self._evidence("omni.stock.adjustment.log", row["id"],
                                            "; ".join(notes), row["date"])],
            })
        return candidates

    # ------------------------------------------------------------------
    # returns
    # ------------------------------------------------------------------
    def _alert_return_anomaly(self, rule, companies):
        """Customers (of the return's transfer, else of the move) who returned something
        in the lookback window: the number of returns over the history window scored
        against every returning customer's, plus a product returned more often than it
        was delivered to them (duplicate)."""
        now = fields.Datetime.now()
        since = now - datetime.timedelta(days=max(rule.lookback_days, 1))
        history_from = now - datetime.timedelta(days=rule.history_days)
        rows = self._fetch(SQL(
            """
            WITH returns AS (
                SELECT m.id, m.company_id, COALESCE(rp.commercial_partner_id, rp.id)
                           AS partner_id,
                       m.product_id, m.product_qty, m.date, m.picking_id, dst.warehouse_id
                  FROM stock_move m
                  JOIN stock_location src ON src.id = m.location_id
                  JOIN stock_location dst ON dst.id = m.location_dest_id
                  LEFT JOIN stock_picking p ON p.id = m.picking_id
                  JOIN res_partner rp ON rp.id = COALESCE(p.partner_id, m.partner_id)
                 WHERE m.state = 'done' AND src.usage = 'customer'
                   AND dst.usage = 'internal' AND m.date >= %(history_from)s
                   AND m.company_id = ANY(%(companies)s)
            )
            SELECT company_id, partner_id, COUNT(*) AS n, MAX(id) AS last_id,
                   MAX(date) AS last_date,
                   MODE() WITHIN GROUP (ORDER BY warehouse_id) AS warehouse_id,
                   array_agg(id ORDER BY id) AS move_ids
              FROM returns GROUP BY 1, 2
            """,
            history_from=history_from, companies=companies.ids,
        ))
        reference = defaultdict(list)
        for row in rows:
            reference[row["company_id"]].append(row["n"])
        recent = [row for row in rows if row["last_date"] >= since]
        duplicates = self._duplicate_returns(recent, history_from)
        candidates = []
        Partner, Move = self.env["res.partner"], self.env["stock.move"]
        for row in recent:
            dup = duplicates.get((row["company_id"], row["partner_id"]), [])
            score = robust_z(row["n"], reference[row["company_id"]])
            if dup:
                score = max(score, rule.min_score) + len(dup)
            if score < rule.min_score or (row["n"] < rule.min_count and not dup):
                continue
            partner = Partner.browse(row["partner_id"])
            moves = Move.browse(row["move_ids"])
            med, _mad = median_mad(reference[row["company_id"]])
            notes = [self.env._("%(n)s returns in %(days)s days vs a median of %(median)s "
                                "per returning customer", n=row["n"], days=rule.history_days,
                                median=float_repr(med, 1))]
            if dup:
                notes.append(self.env._("returned more than delivered: %s",
                                        ", ".join(dup)))
            candidates.append({
                "cause_key": f"returns:{row['partner_id']}:{row['last_id']}",
                "company_id": row["company_id"], "warehouse_id": row["warehouse_id"],
                "score": score,
                "name": self.env._("Return abuse: %s", partner.display_name),
                "figure": self.env._("%(notes)s (score %(score)s)", notes="; ".join(notes),
                                     score=float_repr(score, 1)),
                "res_model": "res.partner", "res_id": row["partner_id"],
                "evidence": [self._evidence(
                    "stock.picking" if move.picking_id else "stock.move",
                    move.picking_id.id or move.id,
                    self.env._("%(qty)s %(product)s returned",
                               qty=float_repr(move.product_qty, 2),
                               product=move.product_id.display_name), move.date)
                    for move in moves],
            })
        return candidates

    def _duplicate_returns(self, rows, history_from):
        """{(company, partner): [product names]} returned more than delivered to the
        customer (all time)."""
        partners = [row["partner_id"] for row in rows]
        if not partners:
            return {}
        found = self._fetch(SQL(
            """
            SELECT m.company_id, COALESCE(rp.commercial_partner_id, rp.id) AS partner_id,
                   m.product_id,
                   SUM(m.product_qty) FILTER (WHERE src.usage = 'customer') AS returned,
                   COALESCE(SUM(m.product_qty) FILTER (WHERE dst.usage = 'customer'), 0)
                       AS delivered
              FROM stock_move m
              JOIN stock_location src ON src.id = m.location_id
              JOIN stock_location dst ON dst.id = m.location_dest_id
              LEFT JOIN stock_picking p ON p.id = m.picking_id
              JOIN res_partner rp ON rp.id = COALESCE(p.partner_id, m.partner_id)
             WHERE m.state = 'done' AND 'customer' IN (src.usage, dst.usage)
               AND COALESCE(rp.commercial_partner_id, rp.id) = ANY(%s)
             GROUP BY 1, 2, 3
            HAVING SUM(m.product_qty) FILTER (WHERE src.usage = 'customer')
                   > COALESCE(SUM(m.product_qty) FILTER (WHERE dst.usage = 'customer'), 0)
                     + 0.000001
            """,
            partners,
        ))
        result = defaultdict(list)
        Product = self.env["product.product"]
        for row in found:
            result[(row["company_id"], row["partner_id"])].append(
                Product.browse(row["product_id"]).display_name)
        return result

    # ------------------------------------------------------------------
    # transfers
    # ------------------------------------------------------------------
    def _alert_transfer_anomaly(self, rule, companies):
        """Transfers between warehouses done in the lookback window (moves from one
        warehouse to another, or into transit towards one): the quantity scored
        against the same route's transfers of the history window, plus points for a
        round number and out of working hours; a product sent back to where it came
        from within the window (a loop) is raised with both legs."""
        now = fields.Datetime.now()
        since = now - datetime.timedelta(days=max(rule.lookback_days, 1))
        history_from = now - datetime.timedelta(days=rule.history_days)
        rows = self._fetch(SQL(
            """
            WITH legs AS (
                SELECT m.id, m.company_id, m.product_id, m.product_qty, m.date, m.picking_id,
                       src.warehouse_id AS from_wh,
                       COALESCE(dst.warehouse_id, nxt.warehouse_id) AS to_wh, %(hour)s AS hour
                  FROM stock_move m
                  JOIN stock_location src ON src.id = m.location_id
                  JOIN stock_location dst ON dst.id = m.location_dest_id
                  JOIN res_company c ON c.id = m.company_id
                  JOIN res_partner cp ON cp.id = c.partner_id
                  LEFT JOIN LATERAL (
                        SELECT nl.warehouse_id
                          FROM stock_move_move_rel rel
                          JOIN stock_move n ON n.id = rel.move_dest_id
                          JOIN stock_location nl ON nl.id = n.location_dest_id
                         WHERE rel.move_orig_id = m.id AND nl.warehouse_id IS NOT NULL
                         LIMIT 1
                       ) nxt ON dst.usage = 'transit'
                 WHERE m.state = 'done' AND src.usage = 'internal'
                   AND src.warehouse_id IS NOT NULL
                   AND dst.usage IN ('internal', 'transit')
                   AND m.date >= %(history_from)s AND m.company_id = ANY(%(companies)s)
            )
            SELECT * FROM legs WHERE to_wh IS NOT NULL AND to_wh <> from_wh
            """,
            hour=self._local_hour_sql(SQL("m.date")), history_from=history_from,
            companies=companies.ids,
        ))
        routes = defaultdict(list)
        for row in rows:
            if row["date"] < since:
                routes[(row["from_wh"], row["to_wh"])].append(row["product_qty"])
        candidates = []
        Move = self.env["stock.move"]
        recent = [row for row in rows if row["date"] >= since]
        for row in recent:
            history = routes[(row["from_wh"], row["to_wh"])]
            if len(history) < rule.min_history:
                continue
            med, _mad = median_mad(history)
            size = robust_z(row["product_qty"], history, floor=max(1.0, RELATIVE_FLOOR * med))
            qty = row["product_qty"]
            round_number = qty >= rule.round_unit and abs(qty % rule.round_unit) < 1e-6
            off_hours = not rule.work_hour_from <= row["hour"] < rule.work_hour_to
            score = (size + (ROUND_POINTS if round_number else 0.0)
                     + (OUT_OF_HOURS_POINTS if off_hours else 0.0))
            if score < rule.min_score:
                continue
            move = Move.browse(row["id"])
            notes = [self.env._("%(qty)s units vs this route's median %(median)s "
                                "(%(size)s MAD)", qty=float_repr(qty, 2),
                                median=float_repr(med, 2), size=float_repr(size, 1))]
            if round_number:
                notes.append(self.env._("round number"))
            if off_hours:
                notes.append(self.env._("out of working hours (%s h)", int(row["hour"])))
            candidates.append(self._transfer_candidate(
                row, f"transfer:{row['id']}", score, move, notes, [move]))
        candidates += self._transfer_loops(rule, rows, since)
        return candidates

    def _transfer_loops(self, rule, rows, since):
        """A product sent from A to B and back from B to A within the history window,
        the return leg in the lookback window."""
        by_key = defaultdict(list)
        for row in rows:
            by_key[(row["company_id"], row["product_id"], row["from_wh"], row["to_wh"])].append(
                row)
        candidates = []
        Move = self.env["stock.move"]
        for row in rows:
            if row["date"] < since:
                continue
            back = [leg for leg in by_key[(row["company_id"], row["product_id"], row["to_wh"],
                                           row["from_wh"])]
                    if (leg["date"], leg["id"]) < (row["date"], row["id"])]
            if not back:
                continue
            first = max(back, key=lambda leg: (leg["date"], leg["id"]))
            legs = Move.browse([first["id"], row["id"]])
            days = (row["date"] - first["date"]).days
            score = rule.min_score + 1.0 + max(0.0, (rule.history_days - days) / max(
                rule.history_days, 1))
            notes = [self.env._("sent back to where it came from after %s days", days)]
            candidates.append(self._transfer_candidate(
                row, f"loop:{first['id']}:{row['id']}", score, legs[1:], notes, legs,
                loop=True))
        return candidates

    def _transfer_candidate(self, row, key, score, move, notes, evidence_moves, loop=False):
        Warehouse = self.env["stock.warehouse"]
        name = self.env._(
            "%(what)s: %(product)s from %(from)s to %(to)s",
            what=self.env._("Transfer loop") if loop else self.env._("Unusual transfer"),
            product=move.product_id.display_name, **{
                "from": Warehouse.browse(row["from_wh"]).name,
                "to": Warehouse.browse(row["to_wh"]).name})
        return {
            "cause_key": key, "company_id": row["company_id"], "warehouse_id": row["from_wh"],
            "score": score, "name": name,
            "figure": self.env._("%(notes)s (score %(score)s)", notes="; ".join(notes),
                                 score=float_repr(score, 1)),
            "product_id": row["product_id"],
            "res_model": "stock.picking" if row["picking_id"] else "stock.move",
            "res_id": row["picking_id"] or row["id"],
            "evidence": [self._evidence(
                "stock.picking" if m.picking_id else "stock.move", m.picking_id.id or m.id,
                self.env._("%(qty)s %(product)s: %(src)s → %(dst)s",
                           qty=float_repr(m.product_qty, 2), product=m.product_id.display_name,
                           src=m.location_id.display_name, dst=m.location_dest_id.display_name),
                m.date) for m in evidence_moves],
        }
