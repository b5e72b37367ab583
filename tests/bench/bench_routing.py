"""Order routing: the suite's router against 'fewest splits, then closest' on a seeded
stream of orders over a 20-node network.

``run(conf, db)`` returns ``{name: value}``. Installs ``omni_stock_routing`` in ``db``
when missing. In a transaction that is rolled back: 20 nodes (2 distribution centres,
18 stores in French cities, with coordinates), labour per node, store capacities, a rate
table (local / regional / national zones), stock per node (seeded: the centres hold most
of the catalog, each store a third of it, a share of it ageing), a measured accuracy per
node, and a channel routing its orders. A seeded stream of orders (customers around the
cities by population, 1 to 4 lines, popular products more often, 500 orders a day; the
centres replenished to their first stock every night, the stores every week) is
replayed twice from the same starting point (a savepoint):

1. through the suite's router (``omni.stock.router.choose``: one statement for the
   candidates, the cost model, capacity consumed under the lock), timed per order;
2. through the baseline implemented here: among the nodes that can serve (the same
   candidates: stock, trusted locations, exclusions, a full node skipped), the fewest
   shipments, then the closest nodes (least total distance), each line from the closest
   node of the set that has it; capacity consumed the same way.

After each order the chosen nodes' stock goes down. A line then fails at its node with
the probability (1 - the node's accuracy), drawn from a seed of (order, product, node):
the same choice fails the same way in both replays (the failed-promise share). Cost of an
order = shipping + labour + split penalty + expected cost of a failed promise ((1 - the
node's accuracy) x penalty per line) - ageing bonus, the issue's cost model (the drawn
failures cost the same in expectation, with noise of the order of the differences).

- ``routing_orders``: orders replayed (both routed them: the ratios compare those).
- ``routing_cost_vs_baseline_ratio``: Σ cost, router ÷ baseline (goal <= 0.90).
- ``routing_lower_bound_ratio``: Σ over the same orders of each order's cheapest plan
  on the starting network (full stock, no capacity used) ÷ baseline: what no router can
  beat under this cost model (see :func:`_lower_bound`); the cost ratio's floor.
- ``routing_splits_vs_baseline_ratio``: Σ extra shipments, router ÷ baseline (goal <= 1.0).
- ``routing_capacity_overruns``: (node, day) pairs whose orders or units exceed the
  node's capacity, counted from the router's choices (goal 0).
- ``routing_failed_promises_share``: orders with a failed line, router (goal <= 0.01).
- ``routing_p95_ms``: 95th percentile of one order's routing (goal <= 100).

``OMNI_BENCH_ROUTING_ORDERS`` sets the number of orders (default 700 on catalogs below
5,000 products, CI's: under a minute on a loaded 2-core machine; 10,000 above).
"""

import datetime
import itertools
import math
import os
import random
import statistics
import sys
import time
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.tools import SQL

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402

SEED = 2026
ORDERS_PER_DAY = 500
# city, latitude, longitude, share of the customers
CITIES = [
    ("Paris", 48.8566, 2.3522, 30), ("Lyon", 45.7640, 4.8357, 9),
    ("Marseille", 43.2965, 5.3698, 8), ("Toulouse", 43.6047, 1.4442, 6),
    ("Nice", 43.7102, 7.2620, 4), ("Nantes", 47.2184, -1.5536, 5),
    ("Strasbourg", 48.5734, 7.7521, 4), ("Montpellier", 43.6108, 3.8767, 4),
    ("Bordeaux", 44.8378, -0.5792, 6), ("Lille", 50.6292, 3.0573, 6),
    ("Rennes", 48.1173, -1.6778, 4), ("Reims", 49.2583, 4.0317, 2),
    ("Toulon", 43.1242, 5.9280, 2), ("Grenoble", 45.1885, 5.7245, 3),
    ("Dijon", 47.3220, 5.0415, 2), ("Angers", 47.4784, -0.5632, 2),
    ("Clermont-Ferrand", 45.7772, 3.0870, 2), ("Tours", 47.3941, 0.6848, 2),
]
CENTRES = [("DC North", "RDCN", 48.7262, 2.3652, 0.85), ("DC South", "RDCS", 45.7256, 4.9186, 0.6)]
RATES = [
    ("Local courier", "local", 30, 4.90, 0.60, 1),
    ("Parcel", "regional", 250, 6.40, 0.90, 2),
    ("Parcel", "national", 1200, 7.90, 1.20, 2),
]


def _orders_count(products):
    if os.environ.get("OMNI_BENCH_ROUTING_ORDERS"):
        return int(os.environ["OMNI_BENCH_ROUTING_ORDERS"])
    return 10_000 if products >= 5000 else 700


def _network(env, products, rng):
    """The 20 nodes, their stock, the rates and the channel (set up, not measured)."""
    company = env.company
    env["omni.stock.routing.rate"].search([("company_id", "=", company.id)]).active = False
    env["omni.stock.routing.rate"].create([{
        "carrier": carrier, "zone": zone, "max_km": km, "base_price": base,
        "unit_price": unit, "transit_days": days,
    } for carrier, zone, km, base, unit, days in RATES])
    Warehouse = env["stock.warehouse"]
    nodes = []  # (warehouse, share of the catalog, accuracy, is store)
    for name, code, lat, lon, share in CENTRES:
        partner = env["res.partner"].create(
            {"name": name, "partner_latitude": lat, "partner_longitude": lon})
        warehouse = Warehouse.create({
            "name": name, "code": code, "partner_id": partner.id,
            "omni_routing_minutes_per_order": 1.0, "omni_routing_minutes_per_line": 1.5,
            "omni_routing_labour_rate": 24.0,
        })
        nodes.append((warehouse, share, 99.8 if code == "RDCN" else 99.6, False))
    for index, (city, lat, lon, _weight) in enumerate(CITIES):
        partner = env["res.partner"].create({
            "name": f"Store {city}", "partner_latitude": lat + 0.01,
            "partner_longitude": lon + 0.01})
        warehouse = Warehouse.create({
            "name": f"Store {city}", "code": f"RS{index:02d}", "partner_id": partner.id,
            "omni_routing_minutes_per_order": 4.0, "omni_routing_minutes_per_line": 4.0,
            "omni_routing_labour_rate": 30.0,
            "omni_routing_capacity_orders": rng.choice([25, 30, 35, 40, 45]),
            "omni_routing_capacity_units": 120,
            "omni_routing_reserve_units": float(os.environ.get("OMNI_BENCH_ROUTING_RESERVE", 0)),
        })
        nodes.append((warehouse, 0.35, rng.choice([95.0, 96.5, 97.5, 98.5, 99.0, 99.5]), True))
    rows = []
    now = odoo.fields.Datetime.now()
    for warehouse, share, accuracy, store in nodes:
        warehouse.lot_stock_id.omni_accuracy = accuracy
        for product in products:
            if rng.random() >= share:
                continue
            qty = rng.randint(1, 6) if store else rng.randint(30, 200)
            aged = rng.random() < (0.2 if store else 0.1)
            age = rng.randint(70, 200) if aged else rng.randint(0, 40)
            rows.append((product.id, warehouse.lot_stock_id.id, qty,
                         now - datetime.timedelta(days=age)))
    env.cr.execute(SQL(
        """
        INSERT INTO stock_quant (product_id, location_id, company_id, quantity,
                                 reserved_quantity, in_date, create_uid, write_uid,
                                 create_date, write_date)
        SELECT r.product_id, r.location_id, %(company)s, r.qty, 0, r.in_date, 1, 1, now(), now()
          FROM unnest(%(products)s::int[], %(locations)s::int[], %(qties)s::float8[],
                      %(dates)s::timestamp[]) AS r(product_id, location_id, qty, in_date)
        """, company=company.id, products=[r[0] for r in rows],
        locations=[r[1] for r in rows], qties=[r[2] for r in rows],
        dates=[r[3] for r in rows]))
    # what replenishment brings back: the centres every night, the stores every week
    env.cr.execute(SQL(
        """
        CREATE TEMP TABLE routing_bench_initial ON COMMIT DROP AS
        SELECT q.id, q.quantity, w.omni_routing_capacity_orders > 0 AS store
          FROM stock_quant q
          JOIN stock_location l ON l.id = q.location_id
          JOIN stock_warehouse w ON w.lot_stock_id = l.id
         WHERE w.id = ANY(%s)
        """, [node[0].id for node in nodes]))
    warehouses = Warehouse.union(*[node[0] for node in nodes])
    channel = env["omni.channel"].create({
        "name": "Routing bench", "code": "route-bench", "channel_type": "web",
        "warehouse_ids": [Command.set(warehouses.ids)], "routing_enabled": True,
        "routing_max_splits": 2, "routing_split_penalty": 4.0,
        "routing_failure_penalty": 40.0, "min_location_accuracy": 97.0,
        "routing_ageing_bonus": 0.02, "routing_ageing_days": 60,
        "routing_reserve_cost": float(os.environ.get("OMNI_BENCH_ROUTING_RESERVE_COST", 0)),
    })
    env.flush_all()
    return channel, warehouses, {node[0].id: node[2] / 100.0 for node in nodes}


def _stream(products, count, rng):
    """``[(day, (lat, lon), {product_id: qty})]``, seeded."""
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(products))]
    cities = [(lat, lon) for _c, lat, lon, _w in CITIES]
    city_weights = [w for *_rest, w in CITIES]
    ids = products.ids
    orders = []
    for index in range(count):
        lat, lon = rng.choices(cities, city_weights)[0]
        where = (lat + rng.gauss(0, 0.15), lon + rng.gauss(0, 0.2))
        size = rng.choices([1, 2, 3, 4], [55, 25, 13, 7])[0]
        needs = {}
        while len(needs) < size:
            needs[rng.choices(ids, weights)[0]] = rng.choices([1, 2], [85, 15])[0]
        orders.append((index // ORDERS_PER_DAY, where, needs))
    return orders


def _fails(index, product_id, node_code, accuracy):
    return random.Random(f"{SEED}-{index}-{product_id}-{node_code}").random() >= accuracy


def _realized(plan, index, accuracy, codes):
    """The plan's cost (shipping, labour, split penalty, expected cost of a failed
    promise, minus the ageing bonus; not the reserve price, a steering price), and the
    number of its lines that failed at their node (drawn: the failed-promise share)."""
    failed = sum(_fails(index, line.product_id, codes[s.node.node_id],
                        accuracy[s.node.node_id])
                 for s in plan.shipments for line in s.lines)
    return plan.shipping + plan.labour + plan.split + plan.risk - plan.ageing, failed


def _baseline(offers, lines, rc):
    """Fewest shipments, then the closest nodes; each line from the closest node of the
    set that has it. ``None`` when no set of up to 3 nodes serves the order."""
    usable = [o for o in offers if o.capacity_orders >= 1 and any(o.serves(ln) for ln in lines)]
    for size in range(1, 4):
        best = None
        for combo in itertools.combinations(usable, size):
            groups = {o.node_id: [] for o in combo}
            for line in lines:
                options = sorted((o for o in combo if o.serves(line)),
                                 key=lambda o: (o.distance_km, o.node_id))
                if not options:
                    break
                groups[options[0].node_id].append(line)
            else:
                if any(not group for group in groups.values()):
                    continue
                by_id = {o.node_id: o for o in combo}
                if any(sum(ln.units for ln in group) > by_id[nid].capacity_units
                       for nid, group in groups.items()):
                    continue
                distance = sum(o.distance_km for o in combo)
                if best is None or distance < best[0]:
                    best = (distance, [(by_id[nid], group) for nid, group in groups.items()])
        if best:
            return best[1]
    return None


def _replay(env, channel, orders, accuracy, base_day, use_router):
    from odoo.addons.omni_stock_routing.tools import routing_cost as rc  # noqa: PLC0415

    router = env["omni.stock.router"]
    Capacity = env["omni.stock.routing.capacity"]
    params = router._params(channel)
    codes = {w.id: w.code for w in router._nodes(channel)}
    products = {pid: env["product.product"].browse(pid) for _d, _w, n in orders for pid in n}
    results = {}
    timings = []
    tally = {}
    today = 0
    for index, (day, where, needs) in enumerate(orders):
        if day != today:
            today = day
            env.cr.execute(SQL(
                "UPDATE stock_quant q SET quantity = GREATEST(q.quantity, i.quantity) "
                "FROM routing_bench_initial i WHERE i.id = q.id AND (NOT i.store OR %s)",
                day % 7 == 0))
        now = base_day + datetime.timedelta(days=day)
        wanted = {products[pid]: qty for pid, qty in needs.items()}
        started = time.perf_counter()
        if use_router:
            plan, _plans, days = router.choose(channel, where, wanted, now=now)
            timings.append((time.perf_counter() - started) * 1000)
        else:
            offers, days = router._offers(
                channel, where, env["product.product"].union(*wanted), now)
            lines = [rc.Line(p.id, q) for p, q in wanted.items()]
            assigned = _baseline(offers, lines, rc)
            plan = rc.cost_plan(assigned, params) if assigned else None
            if plan:
                Capacity._consume(router._usage(plan, days), router._limits(plan))
        if not plan:
            results[index] = None
            continue
        for shipment in plan.shipments:
            key = (shipment.node.node_id, days[shipment.node.node_id])
            orders_used, units_used = tally.get(key, (0, 0.0))
            tally[key] = (orders_used + 1, units_used + shipment.units)
            location = env["stock.warehouse"].browse(shipment.node.node_id).lot_stock_id.id
            for line in shipment.lines:
                env.cr.execute(SQL(
                    "UPDATE stock_quant SET quantity = quantity - %s "
                    "WHERE product_id = %s AND location_id = %s",
                    line.units, line.product_id, location))
        results[index] = (*_realized(plan, index, accuracy, codes), plan.splits,
                          (plan.shipping, plan.labour, plan.split, plan.ageing, plan.risk))
    return results, timings, tally


def _lower_bound(env, channel, orders, base_day):
    """``{index: cost}``: each order routed alone on the starting network (the first
    morning's stock, no capacity used), at its cheapest plan's cost (the cost above).

    No router can do better under this cost model: during the replays a node's stock
    never exceeds its starting stock (replenishment tops it up to it), capacity only
    removes plans, and a plan costs the same whenever it is chosen. Up to the plan
    enumeration (``routing_cost.enumerate_plans``): an exhaustive one (every line to
    every node that has it, any number of nodes) gave the same figures within 0.001."""
    router = env["omni.stock.router"]
    Product = env["product.product"]
    costs = {}
    for index, (day, where, needs) in enumerate(orders):
        wanted = {Product.browse(pid): qty for pid, qty in needs.items()}
        plans, _days = router.plan(channel, where, wanted,
                                   now=base_day + datetime.timedelta(days=day))
        costs[index] = min((p.shipping + p.labour + p.split + p.risk - p.ageing
                            for p in plans), default=None)
    return costs


def run(conf_path, db_name):
    scale.ensure_installed(conf_path, db_name, "omni_stock_routing")
    started = time.perf_counter()
    with odoo.modules.registry.Registry(db_name).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        rng = random.Random(SEED)
        products = env["product.product"].search(
            [("is_storable", "=", True), ("default_code", "like", "BENCH-")],
            order="id", limit=2000)
        count = _orders_count(env["product.product"].search_count(
            [("is_storable", "=", True)]))
        channel, warehouses, accuracy = _network(env, products, rng)
        setup = time.perf_counter() - started
        orders = _stream(products, count, rng)
        cr.execute("ANALYZE stock_quant")
        base_day = odoo.fields.Datetime.now().replace(hour=9, minute=0, second=0)
        cr.execute("SAVEPOINT routing_replay")
        bound = _lower_bound(env, channel, orders, base_day)
        routed, timings, tally = _replay(env, channel, orders, accuracy, base_day, True)
        cr.execute("ROLLBACK TO SAVEPOINT routing_replay")
        env.invalidate_all()
        baseline, _timings, base_tally = _replay(env, channel, orders, accuracy, base_day, False)
        limits = {w.id: (w.omni_routing_capacity_orders, w.omni_routing_capacity_units)
                  for w in warehouses}
        cr.rollback()
    both = [i for i in routed if routed[i] and baseline[i]]
    cost = sum(routed[i][0] for i in both)
    base_cost = sum(baseline[i][0] for i in both)
    splits = sum(routed[i][2] for i in both)
    base_splits = sum(baseline[i][2] for i in both)
    # routed by the router: routable on the starting network too
    lower = sum(bound[i] for i in both)
    overruns = sum(
        1 for (node, _day), (orders_used, units_used) in tally.items()
        if (limits[node][0] and orders_used > limits[node][0])
        or (limits[node][1] and units_used > limits[node][1]))

    def full(counts):
        return sum(1 for (node, _day), (orders_used, units_used) in counts.items()
                   if limits[node][0] and orders_used >= limits[node][0])

    failed = sum(1 for i in routed if routed[i] and routed[i][1])
    base_failed = sum(1 for i in baseline if baseline[i] and baseline[i][1])
    timings.sort()

    def parts(res):
        figures = [sum(res[i][3][k] for i in both) / len(both) for k in range(5)]
        return ("shipping %.2f, labour %.2f, splits %.2f, ageing bonus -%.2f, "
                "failed-promise risk %.2f" % tuple(figures))

    return {
        "routing_orders": count,
        "routing_orders_compared": len(both),
        "routing_unroutable": sum(1 for r in routed.values() if not r),
        "baseline_unroutable": sum(1 for r in baseline.values() if not r),
        "routing_cost_per_order": round(cost / len(both), 3),
        "baseline_cost_per_order": round(base_cost / len(both), 3),
        "routing_cost_vs_baseline_ratio": round(cost / base_cost, 3),
        "routing_lower_bound_cost_per_order": round(lower / len(both), 3),
        "routing_lower_bound_ratio": round(lower / base_cost, 3),
        "routing_splits": splits,
        "baseline_splits": base_splits,
        "routing_splits_vs_baseline_ratio": round(splits / base_splits, 3)
        if base_splits else (0.0 if not splits else math.inf),
        "routing_capacity_overruns": overruns,
        "routing_full_store_days": full(tally),
        "baseline_full_store_days": full(base_tally),
        "routing_failed_promises_share": round(failed / max(1, len(routed)), 4),
        "baseline_failed_promises_share": round(base_failed / max(1, len(baseline)), 4),
        "routing_cost_parts_per_order": parts(routed),
        "baseline_cost_parts_per_order": parts(baseline),
        "routing_median_ms": round(statistics.median(timings), 2),
        "routing_setup_seconds": round(setup, 1),
        "routing_run_seconds": round(time.perf_counter() - started, 1),
        "routing_p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 2),
    }


if __name__ == "__main__":
    scale.run_alone(run, __doc__)
