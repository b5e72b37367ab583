# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Stock value by warehouse x location status x product category, at any date.

Odoo values stock per product and company (``stock.valuation.layer``: AVCO or
FIFO, perpetual or periodic); layers carry no location.  This report gives each
valued location (internal, and transit locations of the company) its share of
the product's value *at the date*:

    value(product, location, D) = V(product, D) x q(product, location, D) / Q(product, D)

- ``V``: sum of the product's layers created up to ``D`` (Odoo's own valuation
  at date);
- ``q``: the quantity in the location at ``D``: its quants, minus the done move
  lines into it after ``D``, plus those out of it after ``D``; stock owned by
  someone else than the company is not valued, as in Odoo;
- ``Q``: the sum of ``q`` over the company's valued locations.

The sum over locations is therefore exactly the layers' value.  A product whose
layers carry value but which has no stock at ``D`` (Q <= 0) shows its value on an
*unallocated* line.  With AVCO every unit of a product has the same cost, so the
share is the product's average cost x the quantity; with FIFO Odoo keeps one
queue of layers per company, not per location, so the share spreads the FIFO
value evenly over the units.

The date comes from the context key ``omni_valuation_at`` (a datetime; absent:
now).  Built from named parts (``_select``/``_from``/``_where``) with
:class:`odoo.tools.SQL`.
"""

from odoo import api, fields, models
from odoo.addons.omni_stock.models.stock_location import STOCK_STATUSES
from odoo.tools import SQL

VALUATION_STATUSES = STOCK_STATUSES + [
    ("in_transit", "In transit"),
    ("unallocated", "No stock (unallocated value)"),
]
CONTEXT_KEY = "omni_valuation_at"
# ids: product x 10^9 + location (or 10^9 - 1 - company for the unallocated line)
ID_FACTOR = 1_000_000_000


class OmniStockValuationReport(models.Model):
    _name = "omni.stock.valuation.report"
    _description = "Stock Valuation by Status"
    _auto = False
    _order = "warehouse_id, status, product_id, location_id"
    _rec_name = "product_id"
    _depends = {
        "stock.location": ["company_id", "warehouse_id", "usage", "omni_status"],
        "res.company": ["partner_id", "currency_id"],
        "stock.valuation.layer": ["company_id", "product_id", "quantity", "value",
                                  "create_date"],
        "stock.quant": ["product_id", "location_id", "quantity", "owner_id"],
        "stock.move.line": ["product_id", "location_id", "location_dest_id",
                            "quantity_product_uom", "state", "date", "owner_id"],
        "product.product": ["product_tmpl_id"],
        "product.template": ["categ_id"],
    }

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True)
    location_id = fields.Many2one("stock.location", readonly=True)
    status = fields.Selection(VALUATION_STATUSES, readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    product_tmpl_id = fields.Many2one("product.template", "Product Template", readonly=True)
    categ_id = fields.Many2one("product.category", "Product Category", readonly=True)
    # cached per valuation date: the same row has other figures at another date
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
        """Locations Odoo values (stock.location._should_be_valued), with the
        company partner whose own stock is valued."""
        return SQL("""
            SELECT loc.id, loc.company_id, loc.warehouse_id, loc.usage, loc.omni_status,
                   company.partner_id AS company_partner_id
              FROM stock_location loc
              JOIN res_company company ON company.id = loc.company_id
             WHERE loc.usage = 'internal' OR loc.usage = 'transit'
        """)

    @api.model
    def _layers(self, at):
        """Value and quantity of the layers per company and product at ``at``."""
        date_filter = SQL("WHERE svl.create_date <= %s", at) if at else SQL()
        return SQL(
            """
            SELECT svl.company_id, svl.product_id, SUM(svl.quantity) AS quantity,
                   SUM(svl.value) AS value
              FROM stock_valuation_layer svl
              %s
             GROUP BY svl.company_id, svl.product_id
            """,
            date_filter,
        )

    @api.model
    def _stock_moves_after(self, at):
        """Quantities to undo to go back from now to ``at``: minus what came into a
        valued location after it, plus what left one."""
        return SQL(
            """
            SELECT ml.product_id, ml.location_dest_id AS location_id,
                   -ml.quantity_product_uom AS quantity
              FROM stock_move_line ml
              JOIN valued v ON v.id = ml.location_dest_id
             WHERE ml.state = 'done' AND ml.date > %(at)s
               AND (ml.owner_id IS NULL OR ml.owner_id = v.company_partner_id)
            UNION ALL
            SELECT ml.product_id, ml.location_id, ml.quantity_product_uom
              FROM stock_move_line ml
              JOIN valued v ON v.id = ml.location_id
             WHERE ml.state = 'done' AND ml.date > %(at)s
               AND (ml.owner_id IS NULL OR ml.owner_id = v.company_partner_id)
            """,
            at=at,
        )

    @api.model
    def _stock(self, at):
        """Quantity per product and valued location at ``at``."""
        quants = SQL("""
            SELECT q.product_id, q.location_id, q.quantity
              FROM stock_quant q
              JOIN valued v ON v.id = q.location_id
             WHERE q.owner_id IS NULL OR q.owner_id = v.company_partner_id
        """)
        rows = SQL("%s UNION ALL %s", quants, self._stock_moves_after(at)) if at else quants
        return SQL(
            """
            SELECT s.product_id, s.location_id, SUM(s.quantity) AS quantity
              FROM (%s) s
             GROUP BY s.product_id, s.location_id
            HAVING SUM(s.quantity) <> 0
            """,
            rows,
        )

    @api.model
    def _with(self, at):
        return SQL(
            """
            WITH valued AS (%(valued)s),
                 layers AS (%(layers)s),
                 stock AS (
                    SELECT s.product_id, s.location_id, v.company_id, v.warehouse_id,
                           CASE WHEN v.usage = 'transit' THEN 'in_transit'
                                ELSE v.omni_status END AS status,
                           s.quantity
                      FROM (%(stock)s) s
                      JOIN valued v ON v.id = s.location_id
                 ),
                 totals AS (
                    SELECT company_id, product_id, SUM(quantity) AS quantity
                      FROM stock GROUP BY company_id, product_id
                 )
            """,
            valued=self._valued_locations(), layers=self._layers(at), stock=self._stock(at),
        )

    @api.model
    def _select(self):
        return SQL(
            """
            s.product_id::bigint * %(factor)s + s.location_id AS id,
            s.company_id, company.currency_id, s.warehouse_id, s.location_id, s.status,
            s.product_id, pt.id AS product_tmpl_id, pt.categ_id, s.quantity,
            CASE WHEN t.quantity > 0 THEN COALESCE(l.value, 0) * s.quantity / t.quantity
                 ELSE 0 END AS value,
            CASE WHEN t.quantity > 0 THEN COALESCE(l.value, 0) / t.quantity
                 ELSE 0 END AS unit_cost
            """,
            factor=ID_FACTOR,
        )

    @api.model
    def _from(self):
        return SQL("""
            stock s
            JOIN totals t ON t.company_id = s.company_id AND t.product_id = s.product_id
            LEFT JOIN layers l ON l.company_id = s.company_id AND l.product_id = s.product_id
            JOIN res_company company ON company.id = s.company_id
            JOIN product_product pp ON pp.id = s.product_id
            JOIN product_template pt ON pt.id = pp.product_tmpl_id
        """)

    @api.model
    def _select_unallocated(self):
        return SQL(
            """
            l.product_id::bigint * %(factor)s + %(last)s - l.company_id AS id,
            l.company_id, company.currency_id, NULL::int AS warehouse_id,
            NULL::int AS location_id, 'unallocated' AS status, l.product_id,
            pt.id AS product_tmpl_id, pt.categ_id, 0::float8 AS quantity, l.value,
            0::float8 AS unit_cost
            """,
            factor=ID_FACTOR, last=ID_FACTOR - 1,
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
            "%s SELECT %s FROM %s UNION ALL SELECT %s FROM %s WHERE %s",
            self._with(at), self._select(), self._from(),
            self._select_unallocated(), self._from_unallocated(), self._where_unallocated(),
        )

    @property
    def _table_query(self):
        return self._query(self._valuation_date())

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
