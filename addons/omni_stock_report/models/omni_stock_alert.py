# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Exception alerts: raised by a scheduled scan, one per cause, as activities.

Each kind has a detection method ``_alert_<kind>(rule, companies)`` returning
candidate dicts (``cause_key``, ``company_id``, ``name``, ``figure``, and the
record it is about).  An alert is created only when no open or acknowledged
alert of the same kind and company has the same ``cause_key`` (also enforced by
a partial unique index).  For conditions (negative stock, late receipt, count
variance) an alert whose cause is no longer found is marked resolved; a later
recurrence raises a new one.  Events (unusual adjustment, excess return) stay
until acknowledged.
"""

import datetime

from odoo import api, fields, models
from odoo.addons.omni_stock_adjustment.tools import FINANCE_GROUP
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, float_repr

from .omni_stock_alert_rule import ALERT_KINDS

REPORT_USER = "omni_stock_report.group_omni_report_user"
CONDITION_KINDS = ("negative_stock", "late_receipt", "count_variance")


class OmniStockAlert(models.Model):
    _name = "omni.stock.alert"
    _description = "Stock Exception Alert"
    _inherit = ["mail.thread", "mail.activity.mixin", "omni.stock.report.export.mixin"]
    _order = "date desc, id desc"
    _mail_post_access = "read"

    name = fields.Char(required=True, readonly=True)
    kind = fields.Selection(ALERT_KINDS, required=True, readonly=True, index=True)
    rule_id = fields.Many2one("omni.stock.alert.rule", readonly=True, ondelete="restrict")
    state = fields.Selection(
        [("open", "Open"), ("acknowledged", "Acknowledged"), ("resolved", "Resolved")],
        default="open", required=True, readonly=True, tracking=True, index=True,
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True, index=True)
    location_id = fields.Many2one("stock.location", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    res_model = fields.Char("Record Model", readonly=True)
    res_id = fields.Many2oneReference("Record", model_field="res_model", readonly=True)
    record_ref = fields.Reference(
        selection="_selection_record_ref", compute="_compute_record_ref", string="Linked Record"
    )
    cause_key = fields.Char(required=True, readonly=True, index=True)
    figure = fields.Char(readonly=True, help="The figure that raised the alert (no amount).")
    value_figure = fields.Char(
        "Amounts", readonly=True, groups=FINANCE_GROUP,
        help="The amounts behind the alert (values, averages, threshold): finance only.")
    date = fields.Datetime("Raised On", default=fields.Datetime.now, readonly=True)
    resolved_date = fields.Datetime(readonly=True)
    ack_note = fields.Text("Acknowledgement Note", readonly=True)
    ack_user_id = fields.Many2one("res.users", "Acknowledged By", readonly=True)
    ack_date = fields.Datetime("Acknowledged On", readonly=True)

    def init(self):
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS omni_stock_alert_cause_uniq
                ON omni_stock_alert (company_id, kind, cause_key) WHERE state <> 'resolved'
        """)

    @api.model
    def _selection_record_ref(self):
        # earned: no check needed: model names, for a selection
        return [(model.model, model.name) for model in self.env["ir.model"].sudo().search([])]

    @api.depends("res_model", "res_id")
    def _compute_record_ref(self):
        for alert in self:
            alert.record_ref = (
                f"{alert.res_model},{alert.res_id}"
                if alert.res_model in self.env and alert.res_id
                else False
            )

    # ------------------------------------------------------------------
    # user actions
    # ------------------------------------------------------------------
    def action_acknowledge(self, note):
        """Acknowledge open alerts with a note; their activities are marked done."""
        if not self.env.user.has_group(REPORT_USER):
            raise AccessError(self.env._("Only users with alert access can acknowledge alerts."))
        self.check_access("read")
        note = (note or "").strip()
        if not note:
            raise UserError(self.env._("Write a note to acknowledge an alert."))
        if any(alert.state != "open" for alert in self):
            raise UserError(self.env._("Only open alerts can be acknowledged."))
        now = fields.Datetime.now()
        for alert in self.sudo():
            alert.write({
                "state": "acknowledged", "ack_note": note, "ack_user_id": self.env.uid,
                "ack_date": now,
            })
            alert.activity_ids.action_feedback(feedback=note)
            alert.message_post(body=self.env._("Acknowledged: %s", note))
        return True

    def action_open_record(self):
        self.ensure_one()
        if not self.record_ref:
            return False
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _omni_xlsx_sheets(self):
        headers, rows = self._omni_table(self, [
            "date", "kind", "name", "figure", "value_figure", "state", "company_id",
            "warehouse_id", "location_id", "product_id", "record_ref", "ack_user_id",
            "ack_date", "ack_note",
        ])
        return [{
            "name": self.env._("Stock Alerts"),
            "filters": [(self.env._("Alerts"), self.env._("%s selected", len(self)))],
            "headers": headers,
            "rows": rows,
        }]

    # ------------------------------------------------------------------
    # scan
    # ------------------------------------------------------------------
    @api.model
    def scan(self, kinds=None, companies=None):
        """Detect every active kind (or ``kinds``) for ``companies`` (default: all);
        raise new alerts, resolve the conditions that are gone.  Returns the new alerts."""
        if not (self.env.su or self.env.user.has_group("stock.group_stock_manager")):
            raise AccessError(self.env._("Only inventory managers can run the alert scan."))
        if not self.env.su:  # a manager scans the companies they work in; the cron, all
            companies = self.env.companies if companies is None else companies.with_env(self.env)
            companies.check_access("read")
        self = self.sudo()
        if companies is None:
            companies = self.env["res.company"].search([("active", "=", True)])
        domain = [("active", "=", True)]
        if kinds:
            domain.append(("kind", "in", list(kinds)))
        created = self.browse()
        for rule in self.env["omni.stock.alert.rule"].search(domain):
            detect = getattr(self, f"_alert_{rule.kind}", None)
            if detect is None:
                continue
            self.env.flush_all()
            candidates = detect(rule, companies)
            created |= self._raise_alerts(rule, candidates)
            if rule.kind in CONDITION_KINDS:
                self._resolve_gone(rule, companies, {c["cause_key"] for c in candidates})
            rule.last_scan = fields.Datetime.now()
        return created.sudo(False)

    @api.model
    def _cron_scan(self):
        self.scan()

    def _raise_alerts(self, rule, candidates):
        if not candidates:
            return self.browse()
        existing = {
            (alert.company_id.id, alert.cause_key)
            for alert in self.search([
                ("kind", "=", rule.kind),
                ("state", "!=", "resolved"),
                ("cause_key", "in", [c["cause_key"] for c in candidates]),
            ])
        }
        vals_list, seen = [], set()
        for candidate in candidates:
            key = (candidate["company_id"], candidate["cause_key"])
            if key in existing or key in seen:
                continue
            seen.add(key)
            vals_list.append({**candidate, "kind": rule.kind, "rule_id": rule.id})
        alerts = self.with_context(mail_create_nolog=True, tracking_disable=True).create(
            vals_list)
        for alert in alerts:
            for user in rule._recipients(alert.company_id):
                alert.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=user.id,
                    summary=alert.name,
                    note=alert.figure or "",
                )
        return alerts

    def _resolve_gone(self, rule, companies, current_keys):
        gone = self.search([
            ("kind", "=", rule.kind),
            ("state", "!=", "resolved"),
            ("company_id", "in", companies.ids),
            ("cause_key", "not in", list(current_keys)),
        ])
        if gone:
            gone.write({"state": "resolved", "resolved_date": fields.Datetime.now()})
            gone.activity_ids.action_feedback(feedback=self.env._("Cause no longer found."))

    def _fetch(self, query):
        self.env.cr.execute(query)
        return self.env.cr.dictfetchall()

    # ------------------------------------------------------------------
    # detections
    # ------------------------------------------------------------------
    def _alert_negative_stock(self, rule, companies):
        rows = self._fetch(SQL(
            """
            SELECT q.company_id, q.product_id, q.location_id, loc.warehouse_id,
                   SUM(q.quantity) AS quantity, MIN(q.id) AS quant_id
              FROM stock_quant q
              JOIN stock_location loc ON loc.id = q.location_id
             WHERE loc.usage = 'internal' AND q.company_id = ANY(%s)
             GROUP BY 1, 2, 3, 4
            HAVING SUM(q.quantity) < 0
            """,
            companies.ids,
        ))
        Product = self.env["product.product"]
        Location = self.env["stock.location"]
        candidates = []
        for row in rows:
            product = Product.browse(row["product_id"])
            location = Location.browse(row["location_id"])
            candidates.append({
                "cause_key": f"{row['product_id']}:{row['location_id']}",
                "company_id": row["company_id"],
                "name": self.env._("Negative stock: %(product)s in %(location)s",
                                   product=product.display_name,
                                   location=location.display_name),
                "figure": self.env._("%(qty)s %(uom)s on hand",
                                     qty=float_repr(row["quantity"], 2),
                                     uom=product.uom_id.name),
                "product_id": product.id, "location_id": location.id,
                "warehouse_id": row["warehouse_id"],
                "res_model": "stock.quant", "res_id": row["quant_id"],
            })
        return candidates

    def _alert_unusual_adjustment(self, rule, companies):
        now = fields.Datetime.now()
        since = now - datetime.timedelta(days=rule.lookback_days)
        history = datetime.timedelta(days=rule.history_days)
        return (
            self._unusual_values(rule, companies, since, history)
            + self._unusual_frequency(rule, companies, since, history)
        )

    def _unusual_values(self, rule, companies, since, history):
        rows = self._fetch(SQL(
            """
            WITH recent AS (
                SELECT log.id, log.date, log.company_id, log.requester_id, log.location_id,
                       log.product_id, loc.warehouse_id, log.value
                  FROM omni_stock_adjustment_log log
                  JOIN stock_location loc ON loc.id = log.location_id
                 WHERE log.event = 'applied' AND log.date >= %(since)s
                   AND log.source IS DISTINCT FROM 'system'
                   AND log.company_id = ANY(%(companies)s)
                   AND log.value > 0 AND log.value >= %(min_value)s
            )
            SELECT r.*, st.n AS store_n, st.avg AS store_avg, us.n AS user_n, us.avg AS user_avg
              FROM recent r
              LEFT JOIN LATERAL (
                    SELECT COUNT(*) AS n, AVG(h.value) AS avg
                      FROM omni_stock_adjustment_log h
                      JOIN stock_location hl ON hl.id = h.location_id
                     WHERE h.event = 'applied' AND h.id < r.id
                       AND h.date >= r.date - %(history)s AND h.company_id = r.company_id
                       AND hl.warehouse_id = r.warehouse_id
                   ) st ON TRUE
              LEFT JOIN LATERAL (
                    SELECT COUNT(*) AS n, AVG(h.value) AS avg
                      FROM omni_stock_adjustment_log h
                     WHERE h.event = 'applied' AND h.id < r.id
                       AND h.date >= r.date - %(history)s AND h.company_id = r.company_id
                       AND h.requester_id = r.requester_id
                   ) us ON TRUE
            """,
            since=since, companies=companies.ids, min_value=rule.min_value, history=history,
        ))
        candidates = []
        for row in rows:
            reasons = []
            amounts = []
            for who, count, avg in (
                (self.env._("this store's"), row["store_n"], row["store_avg"]),
                (self.env._("this user's"), row["user_n"], row["user_avg"]),
            ):
                if count >= rule.min_history and avg and row["value"] > rule.factor * avg:
                    reasons.append(self.env._(
                        "%(ratio)s× %(who)s average over %(count)s adjustments",
                        ratio=float_repr(row["value"] / avg, 1), who=who, count=count,
                    ))
                    amounts.append(self.env._("%(who)s average %(avg)s",
                                              who=who, avg=float_repr(avg, 2)))
            if not reasons:
                continue
            log = self.env["omni.stock.adjustment.log"].browse(row["id"])
            candidates.append({
                "cause_key": f"value:{row['id']}",
                "company_id": row["company_id"],
                "name": self.env._("Unusual adjustment: %(product)s in %(location)s",
                                   product=log.product_id.display_name,
                                   location=log.location_id.display_name),
                "figure": self.env._("change of %(qty)s %(uom)s worth %(reasons)s",
                                     qty=float_repr(log.quantity_delta, 2),
                                     uom=log.product_id.uom_id.name,
                                     reasons="; ".join(reasons)),
                "value_figure": self.env._("value %(value)s; %(amounts)s",
                                           value=float_repr(row["value"], 2),
                                           amounts="; ".join(amounts)),
                "product_id": row["product_id"], "location_id": row["location_id"],
                "warehouse_id": row["warehouse_id"],
                "res_model": "omni.stock.adjustment.log", "res_id": row["id"],
            })
        return candidates

    def _unusual_frequency(self, rule, companies, since, history):
        candidates = []
        for dimension, column in (("user", SQL("log.requester_id")),
                                  ("store", SQL("loc.warehouse_id"))):
            rows = self._fetch(SQL(
                """
                WITH days AS (
                    SELECT log.company_id, %(column)s AS who, log.date::date AS day,
                           COUNT(*) AS n, MAX(log.id) AS last_id
                      FROM omni_stock_adjustment_log log
                      JOIN stock_location loc ON loc.id = log.location_id
                     WHERE log.event = 'applied' AND log.date >= %(since)s
                       AND log.source IS DISTINCT FROM 'system'
                       AND log.company_id = ANY(%(companies)s)
                     GROUP BY 1, 2, 3
                    HAVING COUNT(*) >= %(min_count)s
                )
                SELECT d.*, h.n AS past_n
                  FROM days d
                  LEFT JOIN LATERAL (
                        SELECT COUNT(*) AS n
                          FROM omni_stock_adjustment_log log
                          JOIN stock_location loc ON loc.id = log.location_id
                         WHERE log.event = 'applied' AND log.company_id = d.company_id
                           AND %(column)s = d.who
                           AND log.date < d.day AND log.date >= d.day - %(history)s
                       ) h ON TRUE
                """,
                column=column, since=since, companies=companies.ids,
                min_count=max(rule.min_count, 1), history=history,
            ))
            for row in rows:
                if row["who"] is None or row["past_n"] < rule.min_history:
                    continue
                per_day = row["past_n"] / rule.history_days
                if row["n"] <= rule.factor * per_day:
                    continue
                if dimension == "user":
                    who = self.env["res.users"].browse(row["who"]).name
                    name = self.env._("Unusual number of adjustments by %s", who)
                else:
                    who = self.env["stock.warehouse"].browse(row["who"]).name
                    name = self.env._("Unusual number of adjustments in %s", who)
                log = self.env["omni.stock.adjustment.log"].browse(row["last_id"])
                candidates.append({
                    "cause_key": f"freq:{dimension}:{row['who']}:{row['day']}",
                    "company_id": row["company_id"],
                    "name": name,
                    "figure": self.env._(
                        "%(n)s adjustments on %(day)s vs %(avg)s a day over the last "
                        "%(days)s days",
                        n=row["n"], day=row["day"], avg=float_repr(per_day, 2),
                        days=rule.history_days),
                    "warehouse_id": (
                        row["who"] if dimension == "store" else log.location_id.warehouse_id.id
                    ),
                    "res_model": "omni.stock.adjustment.log", "res_id": row["last_id"],
                })
        return candidates

    def _alert_late_receipt(self, rule, companies):
        rows = self._fetch(SQL(
            """
            SELECT p.id, p.company_id, pt.warehouse_id, p.location_dest_id, p.scheduled_date,
                   p.name
              FROM stock_picking p
              JOIN stock_picking_type pt ON pt.id = p.picking_type_id
             WHERE pt.code = 'incoming' AND p.state NOT IN ('draft', 'done', 'cancel')
               AND p.scheduled_date < %s AND p.company_id = ANY(%s)
            """,
            fields.Datetime.now() - datetime.timedelta(days=rule.late_days), companies.ids,
        ))
        now = fields.Datetime.now()
        return [{
            "cause_key": f"picking:{row['id']}",
            "company_id": row["company_id"],
            "name": self.env._("Late receipt %s", row["name"]),
            "figure": self.env._("%(days)s days late (scheduled %(date)s)",
                                 days=(now - row["scheduled_date"]).days,
                                 date=row["scheduled_date"].date()),
            "warehouse_id": row["warehouse_id"], "location_id": row["location_dest_id"],
            "res_model": "stock.picking", "res_id": row["id"],
        } for row in rows]

    def _alert_count_variance(self, rule, companies):
        """Locations whose count corrections (adjustment log, source *count*) over the
        window are worth at least the rule's value.  ``omni_stock_cycle_count``
        extends it with its measured variance (super() + its candidates)."""
        rows = self._fetch(SQL(
            """
            SELECT log.company_id, log.location_id, loc.warehouse_id,
                   SUM(log.value) AS variance, COUNT(*) AS lines
              FROM omni_stock_adjustment_log log
              JOIN stock_location loc ON loc.id = log.location_id
             WHERE log.event = 'applied' AND log.source = 'count'
               AND log.date >= %s AND log.company_id = ANY(%s)
             GROUP BY 1, 2, 3
            HAVING SUM(log.value) >= %s AND SUM(log.value) > 0
            """,
            fields.Datetime.now() - datetime.timedelta(days=rule.window_days), companies.ids,
            rule.min_value,
        ))
        Location = self.env["stock.location"]
        return [{
            "cause_key": f"location:{row['location_id']}",
            "company_id": row["company_id"],
            "name": self.env._("High count variance in %s",
                               Location.browse(row["location_id"]).display_name),
            "figure": self.env._(
                "count corrections over %(lines)s lines in %(days)s days worth more than "
                "the rule's value threshold", lines=row["lines"], days=rule.window_days),
            "value_figure": self.env._(
                "worth %(value)s (threshold %(threshold)s)",
                value=float_repr(row["variance"], 2),
                threshold=float_repr(rule.min_value, 2)),
            "location_id": row["location_id"], "warehouse_id": row["warehouse_id"],
            "res_model": "stock.location", "res_id": row["location_id"],
        } for row in rows]

    def _alert_excess_return(self, rule, companies):
        """Returns of more than was delivered on a sale line, and lots/serials returned
        more often than delivered.  ``omni_stock_return`` extends it with its RMA flags."""
        excess = self._fetch(SQL(
            """
            WITH returned AS (
                SELECT orig.sale_line_id, ret.company_id, SUM(ret.product_qty) AS qty,
                       MAX(ret.picking_id) AS picking_id, MAX(ret.product_id) AS product_id,
                       MAX(ret.location_dest_id) AS location_id
                  FROM stock_move ret
                  JOIN stock_move orig ON orig.id = ret.origin_returned_move_id
                  JOIN stock_location src ON src.id = ret.location_id
                 WHERE ret.state = 'done' AND src.usage = 'customer'
                   AND orig.sale_line_id IS NOT NULL AND ret.company_id = ANY(%s)
                 GROUP BY 1, 2
            ), delivered AS (
                SELECT m.sale_line_id, SUM(m.product_qty) AS qty
                  FROM stock_move m
                  JOIN stock_location dest ON dest.id = m.location_dest_id
                 WHERE m.state = 'done' AND dest.usage = 'customer'
                   AND m.sale_line_id IN (SELECT sale_line_id FROM returned)
                 GROUP BY 1
            )
            SELECT r.*, COALESCE(d.qty, 0) AS delivered, loc.warehouse_id
              FROM returned r
              LEFT JOIN delivered d ON d.sale_line_id = r.sale_line_id
              LEFT JOIN stock_location loc ON loc.id = r.location_id
             WHERE r.qty > COALESCE(d.qty, 0) + 0.000001
            """,
            companies.ids,
        ))
        candidates = []
        SaleLine = self.env["sale.order.line"]
        for row in excess:
            line = SaleLine.browse(row["sale_line_id"])
            candidates.append({
                "cause_key": f"line:{row['sale_line_id']}",
                "company_id": row["company_id"],
                "name": self.env._("Excess return on %(order)s: %(product)s",
                                   order=line.order_id.name,
                                   product=line.product_id.display_name),
                "figure": self.env._("%(returned)s returned, %(delivered)s delivered",
                                     returned=float_repr(row["qty"], 2),
                                     delivered=float_repr(row["delivered"], 2)),
                "product_id": row["product_id"], "location_id": row["location_id"],
                "warehouse_id": row["warehouse_id"],
                "res_model": "stock.picking" if row["picking_id"] else "sale.order",
                "res_id": row["picking_id"] or line.order_id.id,
            })
        duplicates = self._fetch(SQL(
            """
            WITH flows AS (
                SELECT ml.lot_id, ml.company_id, ml.product_id,
                       CASE WHEN src.usage = 'customer' THEN ml.quantity_product_uom ELSE 0
                       END AS returned,
                       CASE WHEN dest.usage = 'customer' THEN ml.quantity_product_uom ELSE 0
                       END AS delivered,
                       CASE WHEN src.usage = 'customer' THEN ml.picking_id END AS picking_id,
                       CASE WHEN src.usage = 'customer' THEN ml.location_dest_id END
                           AS location_id
                  FROM stock_move_line ml
                  JOIN stock_location src ON src.id = ml.location_id
                  JOIN stock_location dest ON dest.id = ml.location_dest_id
                 WHERE ml.state = 'done' AND ml.lot_id IS NOT NULL
                   AND 'customer' IN (src.usage, dest.usage) AND ml.company_id = ANY(%s)
            )
            SELECT f.lot_id, f.company_id, MAX(f.product_id) AS product_id,
                   SUM(f.returned) AS returned, SUM(f.delivered) AS delivered,
                   MAX(f.picking_id) AS picking_id, MAX(f.location_id) AS location_id,
                   MAX(loc.warehouse_id) AS warehouse_id
              FROM flows f
              LEFT JOIN stock_location loc ON loc.id = f.location_id
             GROUP BY 1, 2
            HAVING SUM(f.returned) > SUM(f.delivered) + 0.000001
            """,
            companies.ids,
        ))
        Lot = self.env["stock.lot"]
        for row in duplicates:
            lot = Lot.browse(row["lot_id"])
            candidates.append({
                "cause_key": f"lot:{row['lot_id']}",
                "company_id": row["company_id"],
                "name": self.env._("Duplicate return of %(lot)s (%(product)s)",
                                   lot=lot.name, product=lot.product_id.display_name),
                "figure": self.env._("%(returned)s returned, %(delivered)s delivered",
                                     returned=float_repr(row["returned"], 2),
                                     delivered=float_repr(row["delivered"], 2)),
                "product_id": row["product_id"], "location_id": row["location_id"],
                "warehouse_id": row["warehouse_id"],
                "res_model": "stock.picking" if row["picking_id"] else "stock.lot",
                "res_id": row["picking_id"] or row["lot_id"],
            })
        return candidates
