"""A node's fulfilment capacity used per day, consumed atomically.

Routers consume capacity with :meth:`OmniStockRoutingCapacity._consume`: the day's rows of
the plan's nodes are created if missing, then locked ``SELECT ... FOR UPDATE`` in warehouse
order (a fixed order: two routers never wait on each other in a cycle), re-read under the
lock and only then increased. Two routers running at once therefore never exceed a node's
capacity: the second waits for the first and sees what it used (READ COMMITTED), or gets a
serialization failure and is retried by Odoo with a fresh snapshot (REPEATABLE READ), the
same discipline as the holds' lock rows.
"""

from odoo import api, fields, models
from odoo.tools import SQL


class CapacityExceeded(Exception):
    """A node of the plan has no capacity left on that day (under the lock)."""

    def __init__(self, warehouse_ids):
        super().__init__(warehouse_ids)
        self.warehouse_ids = warehouse_ids


class OmniStockRoutingCapacity(models.Model):
    _name = "omni.stock.routing.capacity"
    _description = "Routing Capacity Used per Day"
    _order = "date desc, warehouse_id"
    _rec_name = "warehouse_id"

    warehouse_id = fields.Many2one("stock.warehouse", required=True, readonly=True,
                                   ondelete="cascade", index=True)
    company_id = fields.Many2one(related="warehouse_id.company_id", store=True, index=True)
    date = fields.Date(required=True, readonly=True, index=True)
    orders_used = fields.Integer(readonly=True)
    units_used = fields.Float(readonly=True)
    orders_limit = fields.Integer(related="warehouse_id.omni_routing_capacity_orders")
    units_limit = fields.Integer(related="warehouse_id.omni_routing_capacity_units")

    _sql_constraints = [
        ("warehouse_date_uniq", "unique(warehouse_id, date)",
         "One capacity row per node and day."),
    ]

    @api.model
    def _used(self, warehouse_ids, day):
        """``{warehouse_id: (orders, units)}`` used on ``day`` (no lock)."""
        self.env.cr.execute(SQL(
            "SELECT warehouse_id, orders_used, units_used FROM omni_stock_routing_capacity "
            "WHERE warehouse_id = ANY(%s) AND date = %s", list(warehouse_ids), day))
        return {row[0]: (row[1], row[2]) for row in self.env.cr.fetchall()}

    @api.model
    def _consume(self, usage, limits, sign=1):
        """Use ``usage`` ``{(warehouse_id, day): (orders, units)}`` atomically.

        :param limits: ``{warehouse_id: (orders, units)}`` per day, 0 for no limit.
        :param sign: -1 gives capacity back (a re-routed or cancelled shipment).
        :raise CapacityExceeded: with the nodes over their limit; nothing is used then.
        """
        if not usage:
            return
        keys = sorted(usage)
        cr = self.env.cr
        self.env.flush_all()
        cr.execute(SQL(
            """
            INSERT INTO omni_stock_routing_capacity
                   (warehouse_id, company_id, date, orders_used, units_used,
                    create_uid, write_uid, create_date, write_date)
            SELECT w.id, w.company_id, k.day, 0, 0, %(uid)s, %(uid)s, now(), now()
              FROM unnest(%(wh)s::int[], %(days)s::date[]) AS k(wh, day)
              JOIN stock_warehouse w ON w.id = k.wh
             ORDER BY w.id, k.day
            ON CONFLICT (warehouse_id, date) DO NOTHING
            """, uid=self.env.uid, wh=[k[0] for k in keys], days=[k[1] for k in keys]))
        cr.execute(SQL(
            """
            SELECT c.id, c.warehouse_id, c.date, c.orders_used, c.units_used
              FROM omni_stock_routing_capacity c
              JOIN unnest(%(wh)s::int[], %(days)s::date[]) AS k(wh, day)
                ON c.warehouse_id = k.wh AND c.date = k.day
             ORDER BY c.warehouse_id, c.date
               FOR UPDATE OF c
            """, wh=[k[0] for k in keys], days=[k[1] for k in keys]))
        rows = cr.fetchall()
        over = []
        for _id, warehouse_id, day, orders, units in rows:
            add_orders, add_units = usage[warehouse_id, day]
            max_orders, max_units = limits.get(warehouse_id, (0, 0))
            if sign > 0 and (
                    (max_orders and orders + add_orders > max_orders)
                    or (max_units and units + add_units > max_units + 1e-9)):
                over.append(warehouse_id)
        if over:
            raise CapacityExceeded(over)
        for row_id, warehouse_id, day, _orders, _units in rows:
            add_orders, add_units = usage[warehouse_id, day]
            cr.execute(SQL(
                "UPDATE omni_stock_routing_capacity SET orders_used = GREATEST(0, orders_used "
                "+ %(o)s), units_used = GREATEST(0, units_used + %(u)s), write_date = now(), "
                "write_uid = %(uid)s WHERE id = %(id)s",
                o=sign * add_orders, u=sign * add_units, uid=self.env.uid, id=row_id))
        self.invalidate_model(["orders_used", "units_used"])
