"""The routing cost model: pure Python, no database (plain pytest in the repository's
``tests/test_routing_cost.py``).

An order is a list of :class:`Line` (product, units). A :class:`NodeOffer` is one node
(warehouse or store) as the router sees it for this order: its free stock of the order's
products, the ageing of that stock, its distance to the customer, its labour, measured
accuracy, remaining capacity today and the days before it can ship. A *plan* assigns
every line to one node; it costs

* shipping: per shipment (one per node of the plan), the cheapest rate of the rate table
  whose zone (a distance band) covers the node's distance: ``base + per_unit x (units - 1)``;
  without a rate, ``fallback_per_km x km`` (no geocoding: distances come from
  coordinates);
* labour: ``(minutes_per_order + minutes_per_line x lines) x rate per hour / 60`` per node;
* split penalty: ``split_penalty x (nodes - 1)``;
* failed-promise risk: per line, ``(1 - node accuracy) x failure_penalty``;
* minus the ageing bonus: per unit, ``ageing_bonus x max(0, age days - ageing_days)``.

Hard limits: a node serves a line only with enough free stock, when the product is not
excluded there, and within its remaining capacity (orders and units today).

Plans are enumerated over node sets of up to ``max_splits + 1`` nodes (the sets of more
than one node among the ``split_candidates`` best single nodes), each line going to the
node of the set where it costs least; :func:`rank` returns them cheapest first.
"""

import itertools
import math
from dataclasses import dataclass, field

EARTH_KM = 6371.0


@dataclass(frozen=True)
class Line:
    product_id: int
    units: float


@dataclass(frozen=True)
class Rate:
    carrier: str
    max_km: float  # the zone: distances up to this
    base: float  # first unit of a shipment
    per_unit: float  # each further unit
    days: int  # transit days


@dataclass
class NodeOffer:
    node_id: int
    name: str
    distance_km: float
    stock: dict  # {product_id: free units}
    accuracy: float = 1.0  # measured, 0..1
    minutes_per_order: float = 0.0
    minutes_per_line: float = 0.0
    labour_rate: float = 0.0  # per hour
    capacity_orders: float = math.inf  # left today
    capacity_units: float = math.inf
    capacity_total: float = 0.0  # the day's order capacity (for the words)
    age_days: dict = field(default_factory=dict)  # {product_id: days}
    excluded: frozenset = frozenset()
    handling_days: int = 0  # 0 before the cut-off on an open day
    rates: tuple = ()  # of Rate; empty: the parameters' table

    def serves(self, line):
        return (line.product_id not in self.excluded
                and self.stock.get(line.product_id, 0.0) >= line.units)


@dataclass(frozen=True)
class Params:
    rates: tuple = ()
    fallback_per_km: float = 0.02
    fallback_base: float = 5.0
    fallback_days: int = 3
    split_penalty: float = 3.0
    failure_penalty: float = 25.0
    ageing_bonus: float = 0.0  # per unit and day beyond ageing_days
    ageing_days: float = 60.0
    max_splits: int = 2
    split_candidates: int = 8


@dataclass
class Shipment:
    node: NodeOffer
    lines: list
    shipping: float = 0.0
    carrier: str = ""
    days: int = 0  # handling + transit
    labour: float = 0.0
    risk: float = 0.0
    ageing: float = 0.0

    @property
    def units(self):
        return sum(line.units for line in self.lines)


@dataclass
class Plan:
    shipments: list
    shipping: float = 0.0
    labour: float = 0.0
    split: float = 0.0
    risk: float = 0.0
    ageing: float = 0.0
    total: float = 0.0
    days: int = 0

    @property
    def splits(self):
        return len(self.shipments) - 1

    @property
    def node_ids(self):
        return tuple(s.node.node_id for s in self.shipments)

    def assignment(self):
        """``{product_id: node_id}``."""
        return {line.product_id: s.node.node_id for s in self.shipments for line in s.lines}

    def components(self):
        return {"shipping": self.shipping, "labour": self.labour, "split": self.split,
                "risk": self.risk, "ageing": self.ageing, "total": self.total}


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km between two coordinates (degrees)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def shipping(node, units, params):
    """``(cost, carrier, transit days)`` of one shipment of ``units`` from ``node``."""
    best = None
    for rate in node.rates or params.rates:
        if node.distance_km <= rate.max_km:
            cost = rate.base + rate.per_unit * max(0.0, units - 1)
            if best is None or cost < best[0] - 1e-9 or (
                    abs(cost - best[0]) <= 1e-9 and rate.days < best[2]):
                best = (cost, rate.carrier, rate.days)
    if best is None:
        best = (params.fallback_base + params.fallback_per_km * node.distance_km, "",
                params.fallback_days)
    return best


def line_labour(node):
    return node.minutes_per_line * node.labour_rate / 60.0


def line_risk(node, params):
    return (1.0 - node.accuracy) * params.failure_penalty


def line_ageing(node, line, params):
    age = node.age_days.get(line.product_id, 0.0)
    return params.ageing_bonus * line.units * max(0.0, age - params.ageing_days)


def cost_shipment(shipment, params):
    node = shipment.node
    shipment.shipping, shipment.carrier, transit = shipping(node, shipment.units, params)
    shipment.days = node.handling_days + transit
    shipment.labour = (node.minutes_per_order * node.labour_rate / 60.0
                       + line_labour(node) * len(shipment.lines))
    shipment.risk = line_risk(node, params) * len(shipment.lines)
    shipment.ageing = sum(line_ageing(node, line, params) for line in shipment.lines)
    return shipment


def cost_plan(shipments, params):
    """A :class:`Plan` of ``shipments`` (``[(node, [lines])]`` or Shipments), costed."""
    shipments = [s if isinstance(s, Shipment) else Shipment(s[0], list(s[1]))
                 for s in shipments]
    for shipment in shipments:
        cost_shipment(shipment, params)
    plan = Plan(shipments)
    plan.shipping = sum(s.shipping for s in shipments)
    plan.labour = sum(s.labour for s in shipments)
    plan.split = params.split_penalty * max(0, len(shipments) - 1)
    plan.risk = sum(s.risk for s in shipments)
    plan.ageing = sum(s.ageing for s in shipments)
    plan.total = round(plan.shipping + plan.labour + plan.split + plan.risk - plan.ageing, 6)
    plan.days = max((s.days for s in shipments), default=0)
    return plan


def _fits(node, lines):
    return (node.capacity_orders >= 1
            and sum(line.units for line in lines) <= node.capacity_units + 1e-9)


def _assign(nodes, lines, params):
    """Each line to the node of ``nodes`` where it costs least (marginal: labour, risk,
    ageing, the per-unit shipping), every node used; ``None`` when impossible."""
    groups = {node.node_id: [] for node in nodes}
    for line in lines:
        options = [n for n in nodes if n.serves(line)]
        if not options:
            return None

        def marginal(node, line=line):
            per_unit = min((r.per_unit for r in (node.rates or params.rates)
                            if node.distance_km <= r.max_km), default=0.0)
            return (line_labour(node) + line_risk(node, params)
                    + per_unit * line.units - line_ageing(node, line, params),
                    node.distance_km, node.node_id)
        groups[min(options, key=marginal).node_id].append(line)
    by_id = {node.node_id: node for node in nodes}
    # a node of the set left without a line: this set is a smaller one, seen elsewhere
    if any(not group for group in groups.values()):
        return None
    for node_id, group in groups.items():
        if not _fits(by_id[node_id], group):
            return None
    return [(by_id[node_id], group) for node_id, group in groups.items()]


def enumerate_plans(nodes, lines, params):
    """Every feasible plan of up to ``max_splits + 1`` nodes (see the module doc)."""
    useful = [n for n in nodes if n.capacity_orders >= 1 and any(n.serves(ln) for ln in lines)]
    plans = []
    singles = []
    for node in useful:
        if all(node.serves(line) for line in lines) and _fits(node, lines):
            plan = cost_plan([(node, list(lines))], params)
            plans.append(plan)
            singles.append((plan.total, node))
    if len(lines) > 1 and params.max_splits > 0:
        # the split candidates: the best nodes for the lines they can serve
        def score(node):
            served = [ln for ln in lines if node.serves(ln)]
            return (cost_plan([(node, served)], params).total / len(served), node.node_id)
        candidates = sorted(useful, key=score)[:max(2, params.split_candidates)]
        for size in range(2, min(params.max_splits + 1, len(lines)) + 1):
            for combo in itertools.combinations(candidates, size):
                assigned = _assign(combo, lines, params)
                if assigned:
                    plans.append(cost_plan(assigned, params))
    return plans


def rank(nodes, lines, params):
    """Feasible plans, cheapest first (ties: fewer splits, sooner, nodes' ids)."""
    plans = enumerate_plans(nodes, lines, params)
    plans.sort(key=lambda p: (round(p.total, 6), p.splits, p.days, p.node_ids))
    return plans


def money(amount, currency="EUR"):
    return f"{currency} {amount:.2f}"


def node_words(shipment, in_stock_label="in stock", today_label="today"):
    """'Lyon: in stock, 12 km, capacity 14/40 today'."""
    node = shipment.node
    parts = [f"{node.name}: {in_stock_label}", f"{node.distance_km:.0f} km"]
    if node.capacity_total:
        used = node.capacity_total - node.capacity_orders
        parts.append(f"capacity {used + 1:.0f}/{node.capacity_total:.0f} {today_label}")
    if shipment.ageing > 0:
        parts.append(f"ageing stock -{shipment.ageing:.2f}")
    return ", ".join(parts)


def reason(plans, currency="EUR", alternatives=2):
    """The decision in words: the chosen plan's nodes, then the next plans' extra cost
    ('Lyon: in stock, 12 km, capacity 14/40 today; Central: 2 days, +EUR 4.10')."""
    if not plans:
        return ""
    chosen = plans[0]
    words = [node_words(s) for s in chosen.shipments]
    for plan in plans[1:1 + alternatives]:
        names = " + ".join(s.node.name for s in plan.shipments)
        words.append(f"{names}: {plan.days} days, +{money(plan.total - chosen.total, currency)}")
    return "; ".join(words)
