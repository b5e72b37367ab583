# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Stock value by warehouse x location status x product, at any date.

Odoo values stock per product and company (``stock.valuation.layer``: AVCO or
FIFO, perpetual or periodic); layers carry no location.  This report gives each
*position* (company, warehouse, location status, product) its share of the
product's value at the date D:

    value(position, D) = V(product, D) x q(position, D) / Q(product, D)

- ``V``: sum of the product's layers created up to D (Odoo's own valuation at
  date);
- ``q``: the quantity of the position's valued locations (internal ones, and the
  company's transit locations) at D: their quants, minus the done move lines into
  them after D, plus those out of them after D; stock owned by another partner than
  the company is not valued, as in Odoo;
- ``Q``: the sum of ``q`` over the company's positions.

The sum over positions is therefore exactly the layers' value.  A product whose
layers carry value but which has no stock at D (Q <= 0) shows it on an
*unallocated* line.  With AVCO every unit of a product has the same cost, so the
share is the product's average cost x the quantity; with FIFO Odoo keeps one queue
of layers per company, not per location, so the share spreads the FIFO value
evenly over the units.

Rows are positions, not locations: one pass over the quants aggregated per
position, then the share; the location detail of the quantities is in *Stock by
Status* (omni.stock.position).  The date comes from the context key
``omni_valuation_at`` (a datetime; absent: now).  Built from named parts with
:class:`odoo.tools.SQL`; ``_with`` also gives the reconciliation its CTEs.
"""

from odoo import api, fields, models
from odoo.addons.omni_stock.models.stock_location import STOCK_STATUSES
from odoo.tools import SQL

VALUATION_STATUSES = STOCK_STATUSES + [
    ("in_transit", "In transit"),
    ("unallocated", "No stock (unallocated value)"),
]
CONTEXT_KEY = "omni_valuation_at"


class OmniStockValuationReport(models.Model):
    _name = "omni.stock.valuation.report"
    _description = "Stock Valuation by Status"
    _auto = False
    _order = "warehouse_id, status, product_id, id"
    _rec_name = "product_id"
    _depends = {
        "stock.location": ["company_id", "warehouse_id", "usage", "omni_status"],
        "res.company": ["partner_id", "currency_id"],
        "stock.valuation.layer": ["company_id", "product_id", "quantity", "value",
                                  "create_date"],
        "stock.quant": ["product_id", "location_id", "quantity", "owner_id", "company_id"],
        "stock.move.line": ["product_id", "location_id", "location_dest_id",
                            "quantity_product_uom", "state", "date", "owner_id"],
        "product.product": ["product_tmpl_id"],
        "product.template": ["categ_id"],
    }

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True)
    status = fields.Selection(VALUATION_STATUSES, readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    product_tmpl_id = fields.Many2one("product.template", "Product Template", readonly=True)
    categ_id = fields.Many2one("product.category", "Product Category", readonly=True)
    # cached per valuation date: the same position has other figures at another date
    quantity = fields.Float(
        readonly=True, digits="Product Unit of Measure", depends_context=(CONTEXT_KEY,)
    )
    value = fields.Monetary(
        readonly=True, currency_field="currency_id", depends_context=(CONTEXT_KEY,)
    )
    unit_cost = fields.Monetary(
        readonly=True, currency_field="currency_id", aggregator=None,
        depends_context=(CONTEXT_KEY,),
        help="The product's value per unit at the date (layers' value / stock).",
    )

    # ------------------------------------------------------------------
    # the date
    # ------------------------------------------------------------------
    @api.model
    def _valuation_date(self):
        """The datetime of the context key, or None (now)."""
        value = self.env.context.get(CONTEXT_KEY)
        if not value:
            return None
        try:
            return fields.Datetime.to_datetime(value)
        except (TypeError, ValueError):
            return None

    # ------------------------------------------------------------------
    # named parts
    # ------------------------------------------------------------------
    @api.model
    def _valued_locations(self):
        """Locations Odoo values (stock.location._should_be_valued) and their status."""
        return SQL("""
            SELECT loc.id, loc.company_id, loc.warehouse_id,
                   CASE WHEN loc.usage = 'transit' THEN 'in_transit'
                        ELSE loc.omni_status END AS status
              FROM stock_location loc
              JOIN res_company company ON company.id = loc.company_id
             WHERE loc.usage IN ('internal', 'transit')
        """)

    @api.model
    def _layers(self, at):
        """Value and quantity of the layers per company and product at ``at``."""
        date_filter = SQL("WHERE svl.create_date <= %s", at) if at else SQL()
        return SQL(
            """
            SELECT svl.company_id, svl.product_id, SUM(svl.quantity::float8) AS quantity,
                   SUM(svl.value::float8) AS value
              FROM stock_valuation_layer svl
              %s
             GROUP BY svl.company_id, svl.product_id
            """,
            date_filter,
        )

    @api.model
    def _lines(self, at):
        """Signed quantities whose sum per location is its valued stock at ``at``: the
        quants, and for a past date minus each done move line into the location after
        it, plus each one out of it.  Columns: product_id, location_id, quantity.
        Stock owned by another partner than its company is not valued; tested on the
        quant itself, which keeps the planner's estimates right."""
        quants = SQL("""
            SELECT q.product_id, q.location_id, q.quantity::float8 AS quantity
              FROM stock_quant q
             WHERE q.quantity <> 0
               AND (q.owner_id IS NULL OR q.owner_id = (
                    SELECT c.partner_id FROM res_company c WHERE c.id = q.company_id))
        """)
        if not at:
            return quants
        return SQL(
            """
            %(quants)s
            UNION ALL
            SELECT ml.product_id, ml.location_dest_id, -ml.quantity_product_uom::float8
              FROM stock_move_line ml
             WHERE ml.state = 'done' AND ml.date > %(at)s
               AND (ml.owner_id IS NULL OR ml.owner_id = (
                    SELECT c.partner_id FROM res_company c WHERE c.id = ml.company_id))
            UNION ALL
            SELECT ml.product_id, ml.location_id, ml.quantity_product_uom::float8
              FROM stock_move_line ml
             WHERE ml.state = 'done' AND ml.date > %(at)s
               AND (ml.owner_id IS NULL OR ml.owner_id = (
                    SELECT c.partner_id FROM res_company c WHERE c.id = ml.company_id))
            """,
            quants=quants, at=at,
        )

    @api.model
    def _with(self, at):
        """The named parts as CTEs: ``valued`` (locations), ``layers``, ``positions``
        (quantity per company, warehouse, status and product at ``at``), ``totals``
        (per company and product) and ``stock`` (per product and valued location, for
        the reconciliation).  Unreferenced ones are not computed."""
        return SQL(
            """
            WITH valued AS (%(valued)s),
                 layers AS (%(layers)s),
                 positions AS MATERIALIZED (
                    SELECT v.company_id, v.warehouse_id, v.status, s.product_id,
                           SUM(s.quantity) AS quantity
                      FROM (%(lines)s) s
                      JOIN valued v ON v.id = s.location_id
                     GROUP BY v.company_id, v.warehouse_id, v.status, s.product_id
                 ),
                 totals AS (
                    SELECT company_id, product_id, SUM(quantity) AS quantity
                      FROM positions
                     GROUP BY company_id, product_id
                 ),
                 stock AS (
                    SELECT s.product_id, s.location_id, v.company_id,
                           SUM(s.quantity) AS quantity
                      FROM (%(lines)s) s
                      JOIN valued v ON v.id = s.location_id
                     GROUP BY s.product_id, s.location_id, v.company_id
                    HAVING SUM(s.quantity) <> 0
                 )
            """,
            valued=self._valued_locations(), layers=self._layers(at), lines=self._lines(at),
        )

    @api.model
    def _status_index(self, column):
        """A digit per status, for stable row ids."""
        statuses = [status for status, _label in VALUATION_STATUSES]
        return SQL(
            "array_position(%s::varchar[], %s::varchar)", statuses, SQL(column))

    @api.model
    def _select(self):
        # id: product x 10^9 + warehouse x 10^4 + status x 10^3 + company
        return SQL(
            """
            p.product_id::bigint * 1000000000 + COALESCE(p.warehouse_id, 0) * 10000
                + %(status)s * 1000 + p.company_id AS id,
            p.company_id, company.currency_id, p.warehouse_id, p.status, p.product_id,
            pt.id AS product_tmpl_id, pt.categ_id, p.quantity,
            CASE WHEN t.quantity > 0 THEN COALESCE(l.value, 0) * p.quantity / t.quantity
                 ELSE 0 END AS value,
            CASE WHEN t.quantity > 0 THEN COALESCE(l.value, 0) / t.quantity
                 ELSE 0 END AS unit_cost
            """,
            status=self._status_index("p.status"),
        )

    @api.model
    def _from(self):
        return SQL("""
            positions p
            JOIN totals t ON t.company_id = p.company_id AND t.product_id = p.product_id
            LEFT JOIN layers l ON l.company_id = p.company_id AND l.product_id = p.product_id
            JOIN res_company company ON company.id = p.company_id
            JOIN product_product pp ON pp.id = p.product_id
            JOIN product_template pt ON pt.id = pp.product_tmpl_id
        """)

    @api.model
    def _where(self):
        return SQL("p.quantity <> 0")

    @api.model
    def _select_unallocated(self):
        return SQL(
            """
            l.product_id::bigint * 1000000000 + %(status)s * 1000 + l.company_id AS id,
            l.company_id, company.currency_id, NULL::int AS warehouse_id,
            'unallocated' AS status, l.product_id, pt.id AS product_tmpl_id, pt.categ_id,
            0::float8 AS quantity, l.value, 0::float8 AS unit_cost
            """,
            status=len(VALUATION_STATUSES),
        )

    @api.model
    def _from_unallocated(self):
        return SQL("""
            layers l
            LEFT JOIN totals t ON t.company_id = l.company_id AND t.product_id = l.product_id
            JOIN res_company company ON company.id = l.company_id
            JOIN product_product pp ON pp.id = l.product_id
            JOIN product_template pt ON pt.id = pp.product_tmpl_id
        """)

    @api.model
    def _where_unallocated(self):
        return SQL("COALESCE(t.quantity, 0) <= 0 AND l.value <> 0")

    @api.model
    def _query(self, at=None):
        return SQL(
            "%s SELECT %s FROM %s WHERE %s UNION ALL SELECT %s FROM %s WHERE %s",
            self._with(at), self._select(), self._from(), self._where(),
            self._select_unallocated(), self._from_unallocated(), self._where_unallocated(),
        )

    @property
    def _table_query(self):
        return self._query(self._valuation_date())

    def _without_jit(self, method, *args, **kwargs):
        """The planner overestimates the unions; JIT compilation would then cost more
        than the query (as for the ATS engine)."""
        cr = self.env.cr
        cr.execute("SELECT current_setting('jit'), set_config('jit', 'off', true)")
        jit = cr.fetchone()[0]
        try:
            return method(*args, **kwargs)
        finally:
            cr.execute("SELECT set_config('jit', %s, true)", [jit])

    @api.model
    def _read_group(self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None,
                    order=None):
        return self._without_jit(super()._read_group, domain, groupby, aggregates, having,
                                 offset, limit, order)

    @api.model
    def search_fetch(self, domain, field_names, offset=0, limit=None, order=None):
        return self._without_jit(super().search_fetch, domain, field_names, offset, limit,
                                 order)

    # ------------------------------------------------------------------
    # drill down
    # ------------------------------------------------------------------
    def action_open_layers(self):
        """The valuation layers of the product (company-wide, as Odoo keeps them)
        up to the report's date."""
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "stock_account.stock_valuation_layer_action")
        domain = [("product_id", "=", self.product_id.id),
                  ("company_id", "=", self.company_id.id)]
        at = self._valuation_date()
        if at:
            domain.append(("create_date", "<=", at))
        action.update({"domain": domain, "context": {}})
        return action
