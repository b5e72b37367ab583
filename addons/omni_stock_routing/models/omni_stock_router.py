"""The order router: candidates, plans, capacity, decision.

:meth:`OmniStockRouter._node_stock` reads, in ONE statement for every product of the
order and every source node of the channel, the free stock each node may ship: the
channel's trusted sellable locations only (the engine's scope: location statuses, the
channel's minimum accuracy), minus what the engine's withheld parts withhold (a pick
short waiting for its count, an offline store's stock, sales of open POS sessions...)
and minus the open demand on the node not reserved yet; with the stock's age and its
measured accuracy. :mod:`..tools.routing_cost` ranks the plans; the first one whose
nodes still have capacity under the lock (:meth:`omni.stock.routing.capacity._consume`)
is chosen.
"""

import math
from collections import defaultdict
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import routing_cost
from .omni_stock_routing_capacity import CapacityExceeded

HORIZON_DAYS = 14
OPEN_STATES = ("waiting", "confirmed", "partially_available")


class OmniStockRouter(models.AbstractModel):
    _name = "omni.stock.router"
    _description = "Order Router"

    # ------------------------------------------------------------------ inputs

    @api.model
    def _params(self, channel):
        rates = self.env["omni.stock.routing.rate"].search(
            [("company_id", "=", channel.company_id.id)])
        return routing_cost.Params(
            rates=rates._cost_rates(),
            fallback_per_km=channel.routing_fallback_per_km,
            fallback_base=channel.routing_fallback_base,
            split_penalty=channel.routing_split_penalty,
            failure_penalty=channel.routing_failure_penalty,
            ageing_bonus=channel.routing_ageing_bonus,
            ageing_days=channel.routing_ageing_days,
            max_splits=channel.routing_max_splits,
        )

    @api.model
    def _node_stock(self, channel, products):
        """``{(product_id, warehouse_id): (free, age days, accuracy 0..1)}`` over the
        channel's trusted sellable sources, in one statement (see the module doc)."""
        engine = self.env["omni.ats"]
        scope = engine._scope(products, channel, detail=False)
        if not scope.pool_location_ids:
            return {}
        ctx = engine._statement_context(scope)
        self.env.flush_all()
        self.env.cr.execute(SQL(
            """
            WITH withheld_row AS (%(withheld)s),
            quant AS (
                SELECT q.product_id, l.warehouse_id,
                       SUM(q.quantity - q.reserved_quantity)::float8 AS free,
                       (SUM(q.quantity * EXTRACT(EPOCH FROM (%(now)s - q.in_date)))
                            FILTER (WHERE q.quantity > 0)
                        / NULLIF(SUM(q.quantity) FILTER (WHERE q.quantity > 0), 0)
                        / 86400)::float8 AS age,
                       (SUM(q.quantity * COALESCE(l.omni_accuracy, 100))
                            FILTER (WHERE q.quantity > 0)
                        / NULLIF(SUM(q.quantity) FILTER (WHERE q.quantity > 0), 0))::float8
                           AS accuracy
                  FROM stock_quant q
                  JOIN stock_location l ON l.id = q.location_id
                 WHERE q.location_id = ANY(%(pool)s) AND q.product_id = ANY(%(products)s)
                   AND l.warehouse_id IS NOT NULL
                 GROUP BY q.product_id, l.warehouse_id
            ),
            withheld AS (
                SELECT w.product_id, l.warehouse_id, SUM(w.quantity)::float8 AS quantity
                  FROM withheld_row w
                  JOIN stock_location l ON l.id = w.location_id
                 WHERE w.location_id = ANY(%(pool)s) AND w.product_id = ANY(%(products)s)
                 GROUP BY w.product_id, l.warehouse_id
            ),
            demand AS (
                SELECT m.product_id, l.warehouse_id,
                       SUM(GREATEST(m.product_qty - m.quantity, 0))::float8 AS quantity
                  FROM stock_move m
                  JOIN stock_location l ON l.id = m.location_id
                  JOIN stock_location d ON d.id = m.location_dest_id
                 WHERE m.location_id = ANY(%(pool)s) AND m.product_id = ANY(%(products)s)
                   AND m.state = ANY(%(open)s) AND d.usage NOT IN ('internal', 'transit')
                 GROUP BY m.product_id, l.warehouse_id
            )
            SELECT quant.product_id, quant.warehouse_id,
                   quant.free - COALESCE(withheld.quantity, 0) - COALESCE(demand.quantity, 0),
                   COALESCE(quant.age, 0), COALESCE(quant.accuracy, 100)
              FROM quant
              LEFT JOIN withheld USING (product_id, warehouse_id)
              LEFT JOIN demand USING (product_id, warehouse_id)
            """,
            withheld=engine._cte_withheld_row(scope, ctx), now=scope.now,
            pool=scope.pool_location_ids, products=scope.product_ids,
            open=list(OPEN_STATES),
        ))
        return {(product_id, warehouse_id): (max(0.0, free or 0.0), age, accuracy / 100.0)
                for product_id, warehouse_id, free, age, accuracy in self.env.cr.fetchall()}

    @api.model
    def _ship_day(self, warehouse, now):
        """``(handling days, the day it ships)``: today before the cut-off on an open
        day of the node's calendar, else its next open day."""
        calendar = warehouse.omni_routing_calendar_id
        tz = pytz.timezone(calendar.tz or "UTC") if calendar else pytz.utc
        local = pytz.utc.localize(now).astimezone(tz)
        open_days = {int(a.dayofweek) for a in calendar.attendance_ids} if calendar else None
        for offset in range(HORIZON_DAYS):
            day = local.date() + timedelta(days=offset)
            if offset == 0 and local.hour + local.minute / 60.0 >= \
                    warehouse.omni_routing_cutoff_hour:
                continue
            if open_days is None or day.weekday() in open_days:
                return offset, day
        return HORIZON_DAYS, local.date() + timedelta(days=HORIZON_DAYS)

    @api.model
    def _coordinates(self, partner):
        partner = partner.sudo()  # earned: coordinates of the order's own partners
        if partner.partner_latitude or partner.partner_longitude:
            return partner.partner_latitude, partner.partner_longitude
        return None

    @api.model
    def _nodes(self, channel):
        """The channel's source warehouses (its warehouses and its locations')."""
        return (channel.warehouse_ids | channel.location_ids.warehouse_id).filtered("active")

    @api.model
    def _offers(self, channel, destination, products, now=None, exclude=(), pickup=None):
        """``[NodeOffer]`` and ``{warehouse_id: capacity day}`` for ``products``."""
        now = now or fields.Datetime.now()
        stock = self._node_stock(channel, products)
        warehouses = self._nodes(channel).filtered(lambda w: w.id not in set(exclude))
        days = {w.id: self._ship_day(w, now) for w in warehouses}
        used = defaultdict(lambda: (0, 0.0))
        by_day = defaultdict(list)
        for warehouse in warehouses:
            by_day[days[warehouse.id][1]].append(warehouse.id)
        for day, ids in by_day.items():
            for warehouse_id, figures in self.env["omni.stock.routing.capacity"]._used(
                    ids, day).items():
                used[warehouse_id] = figures
        # a partner (its address's coordinates) or (latitude, longitude)
        origin = destination if isinstance(destination, tuple) else (
            self._coordinates(destination) if destination else None)
        offers = []
        for warehouse in warehouses:
            node_stock = {pid: figures[0] for (pid, wid), figures in stock.items()
                          if wid == warehouse.id}
            if not any(node_stock.values()):
                continue
            ages = {pid: stock[pid, warehouse.id][1] for pid in node_stock}
            accuracies = [stock[pid, warehouse.id][2] for pid in node_stock]
            coords = self._coordinates(warehouse.partner_id) if warehouse.partner_id else None
            distance = routing_cost.haversine_km(*origin, *coords) if origin and coords else 0.0
            orders_used, units_used = used[warehouse.id]
            limit_orders = warehouse.omni_routing_capacity_orders
            limit_units = warehouse.omni_routing_capacity_units
            offers.append(routing_cost.NodeOffer(
                node_id=warehouse.id, name=warehouse.name, distance_km=distance,
                stock=node_stock, accuracy=min(accuracies),
                minutes_per_order=warehouse.omni_routing_minutes_per_order,
                minutes_per_line=warehouse.omni_routing_minutes_per_line,
                labour_rate=warehouse.omni_routing_labour_rate,
                capacity_orders=limit_orders - orders_used if limit_orders else math.inf,
                capacity_units=limit_units - units_used if limit_units else math.inf,
                capacity_total=limit_orders,
                age_days=ages,
                excluded=frozenset(warehouse.omni_routing_excluded_product_ids.ids),
                handling_days=days[warehouse.id][0],
                # collected at the store: no shipment
                rates=(routing_cost.Rate("pickup", math.inf, 0.0, 0.0, 0),)
                if pickup and warehouse == pickup else (),
            ))
        return offers, {wid: day for wid, (_offset, day) in days.items()}

    # ------------------------------------------------------------------ planning

    @api.model
    def plan(self, channel, destination, needs, now=None, exclude=(), pickup=None):
        """Rank the plans of ``needs`` ``{product: quantity}`` for ``channel``.

        :return: ``(plans, days)``: plans cheapest first, ``{warehouse_id: day}``.
        """
        products = self.env["product.product"].union(*needs)
        offers, days = self._offers(channel, destination, products, now, exclude, pickup)
        lines = [routing_cost.Line(product.id, quantity) for product, quantity in needs.items()]
        return routing_cost.rank(offers, lines, self._params(channel)), days

    @api.model
    def _usage(self, plan, days):
        return {(s.node.node_id, days[s.node.node_id]): (1, s.units) for s in plan.shipments}

    @api.model
    def _limits(self, plan):
        warehouses = self.env["stock.warehouse"].browse(plan.node_ids)
        return {w.id: (w.omni_routing_capacity_orders, w.omni_routing_capacity_units)
                for w in warehouses}

    @api.model
    def choose(self, channel, destination, needs, now=None, exclude=(), pickup=None):
        """Plan, then consume the capacity of the cheapest plan that still fits under
        the lock. :return: ``(chosen plan or None, ranked plans, days)``."""
        plans, days = self.plan(channel, destination, needs, now, exclude, pickup)
        full = set()
        for plan in plans:
            if full & set(plan.node_ids):
                continue
            try:
                self.env["omni.stock.routing.capacity"]._consume(
                    self._usage(plan, days), self._limits(plan))
            except CapacityExceeded as exc:
                full.update(exc.warehouse_ids)
                continue
            return plan, plans, days
        return None, plans, days

    @api.model
    def release(self, assignments, units=None):
        """Give back the capacity ``assignments`` used (re-routed or cancelled, their
        state already written): their units (or ``units`` ``{assignment: qty}`` when a
        node keeps part of one), and the order's slot when no active assignment of the
        order keeps the node busy that day."""
        units = units or {}
        usage = defaultdict(float)
        for assignment in assignments.filtered("capacity_date"):
            key = (assignment.order_id.id, assignment.warehouse_id.id, assignment.capacity_date)
            usage[key] += units.get(assignment, assignment.quantity)
        consumed = defaultdict(lambda: [0, 0.0])
        Assignment = self.env["omni.stock.routing.assignment"]
        for (order_id, warehouse_id, day), quantity in usage.items():
            busy = Assignment.search_count([
                ("order_id", "=", order_id), ("warehouse_id", "=", warehouse_id),
                ("capacity_date", "=", day), ("state", "=", "active")], limit=1)
            consumed[warehouse_id, day][0] += 0 if busy else 1
            consumed[warehouse_id, day][1] += quantity
        if consumed:
            self.env["omni.stock.routing.capacity"]._consume(
                {key: tuple(value) for key, value in consumed.items()}, {}, sign=-1)

    # ------------------------------------------------------------------ words

    @api.model
    def _reason(self, plans, currency, needs=None, chosen=None):
        if chosen is not None and plans and plans[0] is not chosen:
            plans = [chosen, *[p for p in plans if p is not chosen]]
        if plans:
            return routing_cost.reason(plans, currency.name)
        missing = ", ".join(product.display_name for product in (needs or {}))
        return self.env._("No source node can serve it (stock, exclusions or capacity): %s",
                          missing)

    @api.model
    def _prepare_plan_vals(self, plans, chosen, limit=5):
        ranked = [chosen, *[p for p in plans if p is not chosen]] if chosen else plans
        return [fields.Command.create({
            "rank": index + 1, "chosen": plan is chosen,
            "warehouse_ids": [fields.Command.set(list(plan.node_ids))],
            "nodes": " + ".join(s.node.name for s in plan.shipments),
            "shipping": plan.shipping, "labour": plan.labour, "split": plan.split,
            "risk": plan.risk, "ageing": plan.ageing, "total": plan.total,
            "days": plan.days, "splits": plan.splits,
        }) for index, plan in enumerate(ranked[:limit])]

    @api.model
    def promise_date(self, plan, now=None):
        today = fields.Date.context_today(self, now or fields.Datetime.now())
        return today + timedelta(days=plan.days) if plan else False
