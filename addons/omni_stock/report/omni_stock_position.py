from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.omni_ats import OPEN_MOVE_STATES
from ..models.stock_location import STOCK_STATUSES


class OmniStockPosition(models.Model):
    """Stock by product, location and status (a read-only reporting view)."""

    _name = "omni.stock.position"
    _description = "Stock Position by Status"
    _auto = False
    _order = "product_id, location_id, status"
    # what the view reads: flushed before it is queried (a change made in the same
    # request shows at once)
    _depends = {
        "stock.quant": ["product_id", "location_id", "quantity", "reserved_quantity"],
        "stock.location": ["usage", "omni_status", "warehouse_id", "company_id"],
        "stock.move": ["product_id", "product_qty", "state", "location_id",
                       "location_dest_id", "company_id"],
    }

    product_id = fields.Many2one("product.product", readonly=True)
    product_tmpl_id = fields.Many2one("product.template", string="Product Template",
                                      readonly=True)
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    location_id = fields.Many2one("stock.location", readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    status = fields.Selection(
        STOCK_STATUSES + [("in_transit", "In transit"), ("incoming", "Incoming")],
        readonly=True,
    )
    quantity = fields.Float(readonly=True, digits="Product Unit of Measure")
    # the pivot's measures: stock that is here, and stock that is expected; a total
    # never adds one to the other
    on_hand_quantity = fields.Float(
        "On Hand", readonly=True, digits="Product Unit of Measure",
        help="Stock in the company's internal locations, whatever its status.")
    expected_quantity = fields.Float(
        "Expected", readonly=True, digits="Product Unit of Measure",
        help="Stock on its way: in transit between nodes, or incoming from vendors and "
        "customers. Shown, never counted as on hand.")
    reserved_quantity = fields.Float(readonly=True, digits="Product Unit of Measure")
    available_quantity = fields.Float(
        "Sellable Free", readonly=True, digits="Product Unit of Measure",
        help="Sellable stock not reserved by transfers.",
    )

    # on hand, by location and status ------------------------------------------------
    def _select_on_hand(self):
        return SQL("""
            q.product_id, q.location_id, l.warehouse_id, l.company_id,
            CASE WHEN l.usage = 'transit' THEN 'in_transit' ELSE l.omni_status END AS status,
            SUM(q.quantity) AS quantity,
            SUM(q.reserved_quantity) AS reserved_quantity,
            CASE WHEN l.usage = 'internal' AND l.omni_status = 'sellable'
                 THEN SUM(q.quantity - q.reserved_quantity) ELSE 0 END AS available_quantity,
            CASE WHEN l.usage = 'internal' THEN SUM(q.quantity) ELSE 0 END
                AS on_hand_quantity,
            CASE WHEN l.usage = 'transit' THEN SUM(q.quantity) ELSE 0 END
                AS expected_quantity
        """)

    def _from_on_hand(self):
        return SQL("stock_quant q JOIN stock_location l ON l.id = q.location_id")

    def _where_on_hand(self):
        return SQL("l.usage IN ('internal', 'transit')")

    def _group_by_on_hand(self):
        return SQL("q.product_id, q.location_id, l.warehouse_id, l.company_id, l.usage,"
                   " l.omni_status")

    # incoming, by destination ---------------------------------------------------------
    def _select_incoming(self):
        return SQL("""
            m.product_id, m.location_dest_id, dest.warehouse_id, m.company_id,
            'incoming', SUM(m.product_qty), 0, 0, 0, SUM(m.product_qty)
        """)

    def _from_incoming(self):
        return SQL("""
            stock_move m
            JOIN stock_location src ON src.id = m.location_id
            JOIN stock_location dest ON dest.id = m.location_dest_id
        """)

    def _where_incoming(self):
        return SQL("m.state IN %s AND src.usage NOT IN ('internal', 'transit')"
                   " AND dest.usage = 'internal'", OPEN_MOVE_STATES)

    def _group_by_incoming(self):
        return SQL("m.product_id, m.location_dest_id, dest.warehouse_id, m.company_id")

    def _query(self):
        parts = [
            SQL("SELECT %s FROM %s WHERE %s GROUP BY %s",
                getattr(self, f"_select_{part}")(), getattr(self, f"_from_{part}")(),
                getattr(self, f"_where_{part}")(), getattr(self, f"_group_by_{part}")())
            for part in ("on_hand", "incoming")
        ]
        return SQL("""
            SELECT row_number() OVER (ORDER BY pos.product_id, pos.location_id, pos.status)
                       AS id,
                   pos.*, pt.id AS product_tmpl_id, pt.categ_id
              FROM (%s) pos
              JOIN product_product pp ON pp.id = pos.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
        """, SQL(" UNION ALL ").join(parts))

    def _read_group_orderby(self, order, groupby_terms, query):
        """Statuses in the order of the flow (sellable first, expected stock last), not
        alphabetically: the pivot's columns read left to right like the stock's life."""
        if "status" in groupby_terms:
            ranks = SQL(" ").join(
                SQL("WHEN %s THEN %s", value, rank)
                for rank, (value, _label) in enumerate(self._fields["status"].selection))
            groupby_terms = dict(groupby_terms, status=SQL(
                "CASE %s %s END", groupby_terms["status"], ranks))
        return super()._read_group_orderby(order, groupby_terms, query)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("CREATE VIEW %s AS (%s)", SQL.identifier(self._table),
                                self._query()))
