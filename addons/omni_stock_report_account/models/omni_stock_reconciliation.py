# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Three-way stock reconciliation at a period's cut-off.

Three legs, each difference a line with its cause when the suite knows it:

1. *Physical vs ERP* (per product and location of the warehouse): counts that
   differ from the quants: adjustment requests waiting for approval, counts
   entered but not applied, and the counts other addons report
   (:meth:`_physical_counts`).
2. *ERP vs valuation layers* (per product, company-wide: Odoo values per
   company): quants at the cut-off against the layers' quantity; moves dated on
   one side of the cut-off and valued on the other explain part of it.
3. *Valuation layers vs general ledger* (per stock valuation account of the
   perpetual categories): manual journal entries on the account, layers
   accounted on the other side of the cut-off, layers without journal entry.

What the causes do not explain is an *unexplained* line.
"""

import datetime

from odoo import api, fields, models
from odoo.addons.omni_stock_adjustment.tools import FINANCE_GROUP
from odoo.exceptions import AccessError
from odoo.tools import SQL, float_is_zero

from .omni_stock_period_close import cutoff_of

QTY_EPSILON = 0.0001


class OmniStockReconciliation(models.Model):
    _name = "omni.stock.reconciliation"
    _description = "Three-way Stock Reconciliation"
    _inherit = ["mail.thread", "omni.stock.report.export.mixin"]
    _order = "date_to desc, id desc"
    _mail_post_access = "read"
    _check_company_auto = True

    @api.model
    def _default_date_to(self):
        return fields.Date.context_today(self).replace(day=1) - datetime.timedelta(days=1)

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    warehouse_id = fields.Many2one(
        "stock.warehouse", check_company=True,
        help="Physical vs ERP lines for this warehouse only; the financial legs are "
        "company-wide, as Odoo values stock per company.",
    )
    date_from = fields.Date(
        required=True, default=lambda self: self._default_date_to().replace(day=1)
    )
    date_to = fields.Date(
        "Cut-off Day", required=True, default=lambda self: self._default_date_to(),
        help="Everything up to the end of this day (UTC) is in the period.",
    )
    state = fields.Selection(
        [("draft", "Not computed"), ("computed", "To review"), ("reviewed", "Reviewed")],
        compute="_compute_state", store=True, tracking=True,
    )
    line_ids = fields.One2many("omni.stock.reconciliation.line", "reconciliation_id",
                               readonly=True)
    difference_count = fields.Integer("Differences", compute="_compute_counts", store=True)
    explained_count = fields.Integer("Explained", compute="_compute_counts", store=True)
    unexplained_count = fields.Integer("Unexplained", compute="_compute_counts", store=True)
    unreviewed_count = fields.Integer("Not Reviewed", compute="_compute_counts", store=True)
    erp_qty = fields.Float("ERP Quantity", readonly=True, digits="Product Unit of Measure")
    layer_qty = fields.Float("Valuation Layers Quantity", readonly=True,
                             digits="Product Unit of Measure")
    layer_value = fields.Monetary("Valuation Layers Value", readonly=True)
    gl_layer_value = fields.Monetary(
        "Layers Value (Perpetual)", readonly=True,
        help="Layers of the categories in perpetual (automated) valuation.")
    gl_balance = fields.Monetary("Stock Accounts Balance", readonly=True)
    positions = fields.Integer("Stock Positions", readonly=True,
                               help="Product and location pairs with stock at the cut-off.")
    positions_counted = fields.Integer(readonly=True)
    oldest_count_days = fields.Integer(
        "Oldest Last Count (days)", readonly=True,
        help="Age at the cut-off of the oldest last count among the counted positions.")
    computed_at = fields.Datetime(readonly=True)
    computed_by = fields.Many2one("res.users", readonly=True)

    _sql_constraints = [
        ("dates", "CHECK(date_from <= date_to)", "The period cannot end before it starts."),
    ]

    @api.depends("company_id", "warehouse_id", "date_to")
    def _compute_name(self):
        for rec in self:
            rec.name = self.env._(
                "%(scope)s up to %(date)s",
                scope=rec.warehouse_id.name or rec.company_id.name, date=rec.date_to)

    @api.depends("computed_at", "line_ids.reviewed")
    def _compute_state(self):
        for rec in self:
            if not rec.computed_at:
                rec.state = "draft"
            elif all(rec.line_ids.mapped("reviewed")):
                rec.state = "reviewed"
            else:
                rec.state = "computed"

    @api.depends("line_ids.cause", "line_ids.reviewed")
    def _compute_counts(self):
        for rec in self:
            rec.difference_count = len(rec.line_ids)
            rec.unexplained_count = len(rec.line_ids.filtered(lambda ln: ln.cause == "unexplained"))
            rec.explained_count = rec.difference_count - rec.unexplained_count
            rec.unreviewed_count = len(rec.line_ids.filtered(lambda ln: not ln.reviewed))

    # ------------------------------------------------------------------
    # compute
    # ------------------------------------------------------------------
    def action_compute(self):
        if not self.env.user.has_group(FINANCE_GROUP):
            raise AccessError(self.env._("Only finance users can compute a reconciliation."))
        self.check_access("write")
        for rec in self.sudo():
            rec._compute_reconciliation()
        return True

    @property
    def _cutoff(self):
        return cutoff_of(self.date_to)

    def _scope_locations(self):
        domain = [("usage", "=", "internal"), ("company_id", "=", self.company_id.id)]
        if self.warehouse_id:
            domain.append(("id", "child_of", self.warehouse_id.view_location_id.id))
        return self.env["stock.location"].with_context(active_test=False).search(domain)

    def _compute_reconciliation(self):
        self.ensure_one()
        self.env.flush_all()
        locations = self._scope_locations()
        unit_costs = self._unit_costs()
        lines = self._lines_physical_erp(locations, unit_costs)
        lines += self._lines_erp_layers(unit_costs)
        lines += self._lines_layers_gl()
        self.write({
            "line_ids": [fields.Command.clear()] + [fields.Command.create(vals)
                                                    for vals in lines],
            "computed_at": fields.Datetime.now(),
            "computed_by": self.env.uid,
            **self._totals(),
            **self._count_ages(locations),
        })
        self.message_post(body=self.env._(
            "Computed: %(count)s differences, %(unexplained)s without a known cause.",
            count=len(lines), unexplained=self.unexplained_count))

    def _fetch(self, query):
        self.env.cr.execute(query)
        return self.env.cr.dictfetchall()

    def _valuation(self):
        return self.env["omni.stock.valuation.report"]

    def _erp_quantities(self, location_ids):
        """{(product_id, location_id): quantity at the cut-off} in ``location_ids``."""
        Valuation = self._valuation()
        rows = self._fetch(SQL(
            "%s SELECT product_id, location_id, quantity FROM stock WHERE location_id = ANY(%s)",
            Valuation._with(self._cutoff), location_ids))
        return {(row["product_id"], row["location_id"]): row["quantity"] for row in rows}

    def _unit_costs(self):
        """{product_id: the product's value per unit in the layers at the cut-off}."""
        rows = self._fetch(SQL(
            """
            SELECT product_id, SUM(value) / NULLIF(SUM(quantity), 0) AS unit_cost
              FROM stock_valuation_layer
             WHERE company_id = %s AND create_date <= %s
             GROUP BY product_id
            """,
            self.company_id.id, self._cutoff,
        ))
        return {row["product_id"]: row["unit_cost"] or 0.0 for row in rows}

    # physical vs ERP -----------------------------------------------------
    @api.model
    def _physical_counts(self, location_ids, cutoff):
        """Counts known to other addons (e.g. cycle counts waiting to be applied):
        dicts with product_id, location_id, physical_qty (at the cut-off), count_date,
        cause ('unexplained' when nobody knows why) and explanation, source_ref
        ("model,id").  Default: none."""
        return []

    def _lines_physical_erp(self, locations, unit_costs):
        cutoff = self._cutoff
        requests = self.env["omni.stock.adjustment.request"].search([
            ("company_id", "=", self.company_id.id), ("state", "=", "to_approve"),
            ("location_id", "in", locations.ids), ("create_date", "<", cutoff)])
        quants = self.env["stock.quant"].search([
            ("location_id", "in", locations.ids), ("inventory_quantity_set", "=", True),
            ("inventory_diff_quantity", "!=", 0), ("write_date", "<", cutoff)])
        others = self._physical_counts(locations.ids, cutoff)
        erp = self._erp_quantities(locations.ids)
        lines = []

        def line(product, location_id, erp_qty, delta, **vals):
            return {
                "leg": "physical_erp", "product_id": product.id, "location_id": location_id,
                "erp_qty": erp_qty, "physical_qty": erp_qty + delta, "difference_qty": delta,
                "difference_value": delta * unit_costs.get(product.id,
                                                           product.standard_price),
                **vals,
            }

        for request in requests:
            key = (request.product_id.id, request.location_id.id)
            lines.append(line(
                request.product_id, request.location_id.id, erp.get(key, 0.0),
                request.quantity_delta, cause="pending_adjustment",
                count_date=request.create_date,
                source_ref=f"{request._name},{request.id}",
                explanation=self.env._(
                    "%(name)s (%(reason)s, by %(user)s) waits for approval: change of "
                    "%(delta)s", name=request.name, reason=request.reason_id.display_name,
                    user=request.requester_id.name, delta=request.quantity_delta)))
        for quant in quants:
            key = (quant.product_id.id, quant.location_id.id)
            lines.append(line(
                quant.product_id, quant.location_id.id, erp.get(key, 0.0),
                quant.inventory_diff_quantity, cause="count_not_applied",
                count_date=quant.write_date, source_ref=f"{quant._name},{quant.id}",
                explanation=self.env._(
                    "Counted %(counted)s, not applied yet", counted=quant.inventory_quantity)))
        Product = self.env["product.product"]
        for count in others:
            key = (count["product_id"], count["location_id"])
            delta = count["physical_qty"] - erp.get(key, 0.0)
            if abs(delta) < QTY_EPSILON:
                continue
            lines.append(line(
                Product.browse(count["product_id"]), count["location_id"], erp.get(key, 0.0),
                delta, cause=count.get("cause", "unexplained"),
                count_date=count.get("count_date"), source_ref=count.get("source_ref"),
                explanation=count.get("explanation")))
        for vals in lines:
            if vals.get("count_date"):
                vals["count_age_days"] = (cutoff - vals["count_date"]).days
        return lines

    # ERP vs layers -------------------------------------------------------
    def _lines_erp_layers(self, unit_costs):
        cutoff = self._cutoff
        Valuation = self._valuation()
        rows = self._fetch(SQL(
            """
            %s
            SELECT COALESCE(t.product_id, l.product_id) AS product_id,
                   COALESCE(t.quantity, 0) AS erp_qty, COALESCE(l.quantity, 0) AS layer_qty
              FROM (SELECT * FROM totals WHERE company_id = %s) t
              FULL JOIN (SELECT * FROM layers WHERE company_id = %s) l
                ON l.product_id = t.product_id
             WHERE ABS(COALESCE(t.quantity, 0) - COALESCE(l.quantity, 0)) > %s
            """,
            Valuation._with(cutoff), self.company_id.id, self.company_id.id, QTY_EPSILON,
        ))
        if not rows:
            return []
        timing = self._fetch(SQL(
            """
            SELECT svl.product_id, svl.quantity, svl.create_date, m.id AS move_id, m.date,
                   m.reference, m.date <= %(cutoff)s AS dated_before
              FROM stock_valuation_layer svl
              JOIN stock_move m ON m.id = svl.stock_move_id
             WHERE svl.company_id = %(company)s AND svl.product_id = ANY(%(products)s)
               AND svl.quantity <> 0
               AND (svl.create_date <= %(cutoff)s) <> (m.date <= %(cutoff)s)
            """,
            cutoff=cutoff, company=self.company_id.id,
            products=[row["product_id"] for row in rows],
        ))
        by_product = {}
        for row in timing:
            by_product.setdefault(row["product_id"], []).append(row)
        Product = self.env["product.product"]
        lines = []
        for row in rows:
            product = Product.browse(row["product_id"])
            unit = unit_costs.get(product.id, product.standard_price)
            difference = row["erp_qty"] - row["layer_qty"]
            base = {"leg": "erp_layers", "product_id": product.id,
                    "erp_qty": row["erp_qty"], "layer_qty": row["layer_qty"]}
            for move in by_product.get(product.id, []):
                explained = move["quantity"] if move["dated_before"] else -move["quantity"]
                difference -= explained
                lines.append({
                    **base, "difference_qty": explained, "difference_value": explained * unit,
                    "cause": "cutoff_move", "source_ref": f"stock.move,{move['move_id']}",
                    "explanation": self.env._(
                        "%(ref)s dated %(date)s, valued %(valued)s: on the other side of the "
                        "cut-off", ref=move["reference"] or move["move_id"], date=move["date"],
                        valued=move["create_date"]),
                })
            if abs(difference) > QTY_EPSILON:
                lines.append({
                    **base, "difference_qty": difference, "difference_value": difference * unit,
                    "cause": "unexplained",
                    "explanation": self.env._(
                        "The quants and the valuation layers disagree by %s with no move to "
                        "explain it (stock written outside a stock move, or older than the "
                        "valuation).", round(difference, 4)),
                })
        return lines

    # layers vs GL --------------------------------------------------------
    def _valuation_accounts(self):
        """{account: product.category records} of the perpetual categories."""
        company = self.company_id
        accounts = {}
        self.env.cr.execute(
            "SELECT DISTINCT categ_id FROM product_template WHERE is_storable")
        categories = self.env["product.category"].with_company(company).browse(
            [row[0] for row in self.env.cr.fetchall()])
        for categ in categories:
            if categ.property_valuation != "real_time":
                continue
            account = categ.property_stock_valuation_account_id
            if account:
                accounts.setdefault(account, self.env["product.category"])
                accounts[account] |= categ
        return accounts

    def _gl_figures(self):
        """[(account, products SQL, layers value, account balance)] of the perpetual
        categories at the cut-off."""
        figures = []
        for account, categories in self._valuation_accounts().items():
            products = SQL(
                "SELECT pp.id FROM product_product pp JOIN product_template pt"
                " ON pt.id = pp.product_tmpl_id WHERE pt.categ_id = ANY(%s)", categories.ids)
            [row] = self._fetch(SQL(
                """
                SELECT (SELECT COALESCE(SUM(svl.value), 0) FROM stock_valuation_layer svl
                         WHERE svl.company_id = %(company)s AND svl.create_date <= %(cutoff)s
                           AND svl.product_id IN (%(products)s)) AS layers,
                       (SELECT COALESCE(SUM(aml.balance), 0) FROM account_move_line aml
                         WHERE aml.company_id = %(company)s AND aml.account_id = %(account)s
                           AND aml.parent_state = 'posted' AND aml.date <= %(date_to)s) AS gl
                """,
                company=self.company_id.id, cutoff=self._cutoff, products=products,
                account=account.id, date_to=self.date_to,
            ))
            figures.append((account, products, row["layers"], row["gl"]))
        return figures

    def _lines_layers_gl(self):
        lines = []
        company = self.company_id
        cutoff = self._cutoff
        currency = company.currency_id
        for account, products, layers, gl in self._gl_figures():
            difference = gl - layers
            base = {"leg": "layers_gl", "account_id": account.id,
                    "layer_value": layers, "gl_value": gl}
            manual = self._fetch(SQL(
                """
                SELECT am.id, am.name, am.date, am.ref, SUM(aml.balance) AS balance
                  FROM account_move_line aml
                  JOIN account_move am ON am.id = aml.move_id
                 WHERE aml.company_id = %(company)s AND aml.account_id = %(account)s
                   AND aml.parent_state = 'posted' AND aml.date <= %(date_to)s
                   AND am.stock_move_id IS NULL
                   AND NOT EXISTS (SELECT 1 FROM stock_valuation_layer s
                                    WHERE s.account_move_id = am.id)
                 GROUP BY am.id
                HAVING SUM(aml.balance) <> 0
                """,
                company=company.id, account=account.id, date_to=self.date_to,
            ))
            for move in manual:
                difference -= move["balance"]
                lines.append({
                    **base, "difference_value": move["balance"], "cause": "manual_entry",
                    "source_ref": f"account.move,{move['id']}",
                    "explanation": self.env._(
                        "Journal entry %(name)s of %(date)s (%(ref)s) on %(account)s has no "
                        "stock move", name=move["name"], date=move["date"],
                        ref=move["ref"] or "-", account=account.display_name),
                })
            timing = self._fetch(SQL(
                """
                SELECT svl.id, svl.product_id, svl.value, svl.create_date, am.id AS move_id,
                       am.name, am.date, svl.create_date <= %(cutoff)s AS valued_before
                  FROM stock_valuation_layer svl
                  JOIN account_move am ON am.id = svl.account_move_id
                 WHERE svl.company_id = %(company)s AND svl.product_id IN (%(products)s)
                   AND am.state = 'posted' AND svl.value <> 0
                   AND (svl.create_date <= %(cutoff)s) <> (am.date <= %(date_to)s)
                """,
                cutoff=cutoff, company=company.id, products=products, date_to=self.date_to,
            ))
            for layer in timing:
                explained = -layer["value"] if layer["valued_before"] else layer["value"]
                difference -= explained
                lines.append({
                    **base, "product_id": layer["product_id"], "difference_value": explained,
                    "cause": "cutoff_move", "source_ref": f"account.move,{layer['move_id']}",
                    "explanation": self.env._(
                        "Valued %(valued)s, accounted %(date)s (%(name)s): on the other side "
                        "of the cut-off", valued=layer["create_date"], date=layer["date"],
                        name=layer["name"]),
                })
            unposted = self._fetch(SQL(
                """
                SELECT svl.id, svl.product_id, svl.value, svl.description
                  FROM stock_valuation_layer svl
                  LEFT JOIN account_move am ON am.id = svl.account_move_id
                 WHERE svl.company_id = %(company)s AND svl.product_id IN (%(products)s)
                   AND svl.create_date <= %(cutoff)s AND svl.value <> 0
                   AND (am.id IS NULL OR am.state <> 'posted')
                """,
                company=company.id, products=products, cutoff=cutoff,
            ))
            for layer in unposted:
                difference += layer["value"]
                lines.append({
                    **base, "product_id": layer["product_id"], "difference_value": -layer["value"],
                    "cause": "unposted_layer",
                    "source_ref": f"stock.valuation.layer,{layer['id']}",
                    "explanation": self.env._(
                        "Valuation layer %(desc)s has no posted journal entry",
                        desc=layer["description"] or layer["id"]),
                })
            if not float_is_zero(difference, precision_rounding=currency.rounding):
                lines.append({
                    **base, "difference_value": difference, "cause": "unexplained",
                    "explanation": self.env._(
                        "The balance of %(account)s and the layers of its categories disagree "
                        "by %(amount)s with no known cause.", account=account.display_name,
                        amount=currency.round(difference)),
                })
        return lines

    # header figures ------------------------------------------------------
    def _totals(self):
        Valuation = self._valuation()
        [row] = self._fetch(SQL(
            """
            %s
            SELECT (SELECT COALESCE(SUM(quantity), 0) FROM totals WHERE company_id = %s) AS erp,
                   (SELECT COALESCE(SUM(quantity), 0) FROM layers WHERE company_id = %s) AS qty,
                   (SELECT COALESCE(SUM(value), 0) FROM layers WHERE company_id = %s) AS value
            """,
            Valuation._with(self._cutoff), self.company_id.id, self.company_id.id,
            self.company_id.id,
        ))
        figures = self._gl_figures()
        gl_layers = sum(layers for _account, _products, layers, _gl in figures)
        gl = sum(balance for _account, _products, _layers, balance in figures)
        return {"erp_qty": row["erp"], "layer_qty": row["qty"], "layer_value": row["value"],
                "gl_layer_value": gl_layers, "gl_balance": gl}

    def _count_ages(self, locations):
        """Stock positions at the cut-off and the age of their last count."""
        Valuation = self._valuation()
        [row] = self._fetch(SQL(
            """
            %s,
            held AS (
                SELECT product_id, location_id FROM stock
                 WHERE location_id = ANY(%s) AND quantity <> 0
            ), counted AS (
                SELECT p.product_id, p.location_id, MAX(log.date) AS last_count
                  FROM held p
                  JOIN omni_stock_adjustment_log log
                    ON log.product_id = p.product_id AND log.location_id = p.location_id
                 WHERE log.event = 'applied' AND log.source = 'count' AND log.date <= %s
                 GROUP BY 1, 2
            )
            SELECT (SELECT COUNT(*) FROM held) AS positions,
                   (SELECT COUNT(*) FROM counted) AS counted,
                   (SELECT MIN(last_count) FROM counted) AS oldest
            """,
            Valuation._with(self._cutoff), locations.ids, self._cutoff,
        ))
        oldest = row["oldest"]
        return {
            "positions": row["positions"],
            "positions_counted": row["counted"],
            "oldest_count_days": (self._cutoff - oldest).days if oldest else 0,
        }

    # export --------------------------------------------------------------
    def _omni_xlsx_sheets(self):
        sheets = []
        for rec in self:
            headers, rows = self._omni_table(rec.line_ids, [
                "leg", "cause", "flagged", "product_id", "location_id", "account_id",
                "physical_qty", "erp_qty", "layer_qty", "difference_qty", "layer_value",
                "gl_value", "difference_value", "count_date", "count_age_days", "explanation",
                "source_ref", "review_note", "reviewed_by"])
            sheets.append({
                "name": rec.name,
                "filters": [
                    (self.env._("Company"), rec.company_id.name),
                    (self.env._("Warehouse"), rec.warehouse_id.name or self.env._("all")),
                    (self.env._("Period"), f"{rec.date_from} – {rec.date_to}"),
                    (self.env._("Computed on"), self._omni_local_time(rec.computed_at)),
                    (self.env._("ERP quantity"), rec.erp_qty),
                    (self.env._("Valuation layers quantity"), rec.layer_qty),
                    (self.env._("Valuation layers value"), rec.layer_value),
                    (self.env._("Stock accounts balance"), rec.gl_balance),
                    (self.env._("Stock positions / counted"),
                     f"{rec.positions} / {rec.positions_counted}"),
                    (self.env._("Oldest last count (days)"), rec.oldest_count_days),
                ],
                "headers": headers,
                "rows": rows,
            })
        return sheets
