# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The replenishment arithmetic, without a database (plain pytest:
``tests/test_replenish_formula.py``).

Units are product units and days. Every function returns its figures with the
formula that produced them, so a recommendation can be explained line by line.
"""

import math
from statistics import NormalDist

# fill-rate target per ABC class (the count addon's classes, "A"/"B"/"C"; C when
# unclassified): the company's defaults
SERVICE_LEVELS = {"A": 0.975, "B": 0.96, "C": 0.92}
# the safety factor is never negative (no stock below the lead-time demand) and
# never above this (a unit cycle with a huge spread)
K_FLOOR, K_CAP = 0.0, 4.0


def z_score(service_level):
    """The standard normal quantile of a cycle service level (0 < level < 1)."""
    if not 0.0 < service_level < 1.0:
        raise ValueError("a service level is strictly between 0 and 1")
    return NormalDist().inv_cdf(service_level)


def normal_loss(k):
    """The standard normal loss function G(k) = φ(k) − k (1 − Φ(k)): the expected
    units short per unit of σ when the reorder point is k σ above the mean."""
    dist = NormalDist()
    return dist.pdf(k) - k * (1.0 - dist.cdf(k))


def fill_rate_k(fill_rate, sigma_lt, order_qty, floor=K_FLOOR, cap=K_CAP):
    """The safety factor k of a fill-rate target β: σ_LT × G(k) = (1 − β) × Q (the
    units short per cycle are the share 1 − β of the cycle's order quantity Q).
    G decreases, so k is found by bisection in [floor, cap]: ``floor`` when even k =
    floor short less than allowed (large Q), ``cap`` when nothing sells; 0 without
    uncertainty (σ_LT = 0: nothing to protect against)."""
    if not 0.0 < fill_rate < 1.0:
        raise ValueError("a fill rate target is strictly between 0 and 1")
    if sigma_lt <= 0:
        return 0.0
    target = (1.0 - fill_rate) * max(order_qty, 0.0) / sigma_lt
    if target >= normal_loss(floor):
        return floor
    if target <= normal_loss(cap):
        return cap
    low, high = floor, cap
    for _i in range(60):
        mid = (low + high) / 2.0
        if normal_loss(mid) > target:
            low = mid
        else:
            high = mid
    return (low + high) / 2.0


def demand_stats(weekly):
    """Daily mean and daily standard deviation of weekly figures (forecast weeks or
    corrected history): mean = Σ w / (7 n); sd_day = sd_week / √7 (independent days)."""
    weekly = [float(w) for w in weekly if w is not None]
    n = len(weekly)
    if not n:
        return 0.0, 0.0
    mean_week = sum(weekly) / n
    var_week = sum((w - mean_week) ** 2 for w in weekly) / (n - 1) if n > 1 else 0.0
    return mean_week / 7.0, math.sqrt(var_week) / math.sqrt(7.0)


def lost_sales_corrected(sold, days_in_stock, days=7):
    """A week's demand when it was out of stock some days: sold × days / days in stock
    (None when it was out of stock every day: the demand is unknown)."""
    if days_in_stock <= 0:
        return None
    return sold * days / min(days_in_stock, days)


def seasonal_index(weekly_this_period, weekly_year):
    """Mean of the period ÷ mean of the year (1 when the year sold nothing)."""
    year = [w for w in weekly_year if w is not None]
    period = [w for w in weekly_this_period if w is not None]
    if not year or not period or not sum(year):
        return 1.0
    return (sum(period) / len(period)) / (sum(year) / len(year))


def safety_stock(z, daily_mean, daily_sd, lead_mean, lead_sd):
    """SS = z × √(L × σd² + d² × σL²): demand and lead-time uncertainty together."""
    return z * math.sqrt(max(lead_mean, 0.0) * daily_sd ** 2 + daily_mean ** 2 * lead_sd ** 2)


def recommend(daily_mean, daily_sd, lead_mean, lead_sd, service_level, review_days,
              position, min_order=0.0, multiple=0.0):
    """Recommended min, max, safety stock and order quantity with their explanation.

    ``service_level`` is a fill-rate target β (units served from the shelf ÷ units
    asked), not a cycle service level:

    - σ_LT = √(L σd² + d² σL²): the spread of the demand over the lead time;
    - Q = d × R (R: review period / order cycle in days): the cycle's order quantity;
    - k solves σ_LT × G(k) = (1 − β) × Q (G: the standard normal loss function), k ≥ 0;
    - safety = k × σ_LT, rounded up;
    - min (reorder point) = d × L + safety, rounded up;
    - max = min + Q, rounded up, at least min + 1 when something sells;
    - order = max − position when position ≤ min, else 0; at least ``min_order``,
      rounded up to a ``multiple``.
    """
    sigma_lt = math.sqrt(max(lead_mean, 0.0) * daily_sd ** 2 + daily_mean ** 2 * lead_sd ** 2)
    cycle = daily_mean * review_days
    k = fill_rate_k(service_level, sigma_lt, cycle)
    ss_raw = k * sigma_lt
    safety = math.ceil(ss_raw - 1e-9)
    lead_demand = daily_mean * lead_mean
    minimum = math.ceil(lead_demand + safety - 1e-9)
    maximum = math.ceil(minimum + cycle - 1e-9)
    if daily_mean > 0 and maximum <= minimum:
        maximum = minimum + 1
    order = 0.0
    if position <= minimum and maximum > position:
        order = maximum - position
        order = max(order, min_order)
        if multiple:
            order = math.ceil(order / multiple - 1e-9) * multiple
    loss = (1.0 - service_level) * cycle / sigma_lt if sigma_lt > 0 else None
    lines = [
        f"demand {daily_mean:.3f}/day (σ {daily_sd:.3f}), lead time {lead_mean:.1f} days "
        f"(σ {lead_sd:.1f})",
        f"σ_LT = √(L σd² + d² σL²) = √({lead_mean:.1f} × {daily_sd:.3f}² + "
        f"{daily_mean:.3f}² × {lead_sd:.1f}²) = {sigma_lt:.2f}",
        f"order quantity Q = d × R = {daily_mean:.3f} × {review_days:g} = {cycle:.2f}",
        (f"fill rate {service_level:.0%} → G(k) = (1 − β) × Q / σ_LT = "
         f"{1.0 - service_level:.2f} × {cycle:.2f} / {sigma_lt:.2f} = {loss:.4f} → k = {k:.3f}"
         + (" (floor: the cycle alone meets the target)" if k <= K_FLOOR else "")
         if loss is not None else
         f"fill rate {service_level:.0%}: no demand spread → k = 0"),
        f"safety = k × σ_LT = {k:.3f} × {sigma_lt:.2f} = {ss_raw:.2f} → {safety}",
        f"min = d × L + safety = {daily_mean:.3f} × {lead_mean:.1f} + {safety} = "
        f"{lead_demand + safety:.2f} → {minimum}",
        f"max = min + Q = {minimum} + {cycle:.2f} = {minimum + cycle:.2f} → {maximum}",
        (f"order = max − position = {maximum} − {position:g} = {order:g}" if order else
         f"no order: position {position:g} above min {minimum}"),
    ]
    return {"k": k, "sigma_lt": sigma_lt, "safety": float(safety), "min": float(minimum),
            "max": float(maximum), "order": float(order), "lead_demand": lead_demand,
            "explanation": lines}


def cover_days(position, daily_mean):
    """Days the position lasts at the daily demand (None: nothing sells)."""
    if daily_mean <= 0:
        return None
    return max(position, 0.0) / daily_mean


def stockout_risk(position, daily_mean, lead_mean, lead_sd=0.0):
    """'high' when the cover ends before a replenishment ordered today arrives
    (cover < L), 'medium' when before L + σL, else 'low' (and 'none' when nothing
    sells)."""
    cover = cover_days(position, daily_mean)
    if cover is None:
        return "none"
    if cover < lead_mean:
        return "high"
    if cover < lead_mean + lead_sd:
        return "medium"
    return "low"


def overstock_risk(on_hand, daily_mean, limit_weeks, age_days=None, age_limit_days=None):
    """'high' when on hand covers more than ``limit_weeks`` weeks (or, when nothing
    sells, any stock) and the stock is older than the age limit, 'medium' when one of
    the two holds, else 'low'. Returns (risk, weeks of cover or None)."""
    weeks = None if daily_mean <= 0 else on_hand / daily_mean / 7.0
    over = on_hand > 0 and (weeks is None or weeks > limit_weeks)
    old = bool(age_limit_days and age_days is not None and age_days > age_limit_days
               and on_hand > 0)
    if over and old:
        return "high", weeks
    if over or old:
        return "medium", weeks
    return "low", weeks


def balance(nodes, weeks_limit, transfer_cost):
    """Transfers between nodes of one product.

    ``nodes``: {key: {"on_hand", "daily", "safety", "min", "max", "margin", "lead_days",
    "unit_cost"}} and optionally "position" (on hand + what is on its way to the node:
    a receiver's need counts it, a donor gives from min(on hand, position)),
    "on_way" (balancing transfers on their way to the node), "next_receipt_days"
    (days until its next incoming receipt, None: nothing incoming) and "name";
    ``transfer_cost(src, dst)``: cost per unit moved.

    1. Excess: a donor holds more than ``weeks_limit`` weeks of cover and gives what
       is above that; a receiver is below its safety stock and asks up to its max. A
       move is kept when it is cheaper than the alternative: losing the sale (margin)
       when a purchase cannot arrive before the receiver runs out, else holding the
       donor's excess (unit cost × 25 % a year over the excess weeks) plus buying for
       the receiver. Largest needs first, cheapest donor first.
    2. Rescue (see :func:`rescue`): a receiver about to run out before its next
       receipt gets stock from the node with the most stock above its own safety
       stock + lead-time demand, when moving costs less than the lost margin.

    Returns [(src, dst, qty, unit_cost_of_move, reason, note)].
    """
    def level(n):
        return n.get("position", n["on_hand"])

    excess = {}
    for key, n in nodes.items():
        keep = n["daily"] * 7.0 * weeks_limit
        have = min(n["on_hand"], level(n))
        if n["daily"] > 0 and have > keep:
            excess[key] = math.floor(have - max(keep, n.get("max", 0.0)) + 1e-9)
        elif n["daily"] <= 0 and have > 0:
            excess[key] = math.floor(have + 1e-9)
    excess = {k: v for k, v in excess.items() if v > 0}
    needs = sorted(
        ((k, n) for k, n in nodes.items() if level(n) < n["safety"] and n["daily"] > 0),
        key=lambda kn: (level(kn[1]) - kn[1]["safety"], str(kn[0])))
    moves = []
    given = {}
    for dst, need_node in needs:
        need = math.ceil(max(need_node.get("max", need_node["safety"]),
                             need_node["safety"]) - level(need_node) - 1e-9)
        for src in sorted(excess, key=lambda s: (transfer_cost(s, dst), str(s))):
            if need <= 0:
                break
            if src == dst or excess[src] <= 0:
                continue
            cost = transfer_cost(src, dst)
            cover = cover_days(level(need_node), need_node["daily"]) or 0.0
            if cover < need_node["lead_days"]:
                worth, reason = need_node["margin"], "lost sale"
            else:
                weeks_over = excess[src] / max(nodes[src]["daily"] * 7.0, 1e-9)
                worth = nodes[src]["unit_cost"] * 0.25 * min(weeks_over, 52.0) / 52.0
                reason = "holding cost"
            if cost >= worth:
                continue
            qty = min(need, excess[src])
            excess[src] -= qty
            need -= qty
            given[src] = given.get(src, 0.0) + qty
            weeks = min(nodes[src]["on_hand"], level(nodes[src])) / max(
                nodes[src]["daily"] * 7.0, 1e-9)
            note = (f"{_name(nodes, src)} holds {weeks:.1f} weeks of cover (above "
                    f"{weeks_limit:g}); {_name(nodes, dst)} is at {level(need_node):g}, "
                    f"below its safety stock {need_node['safety']:g}: {reason} "
                    f"{worth:.2f} > transfer cost {cost:.2f} per unit")
            moves.append((src, dst, float(qty), cost, reason, note))
    received = {dst for _s, dst, *_x in moves}
    moves += rescue({k: n for k, n in nodes.items() if k not in received},
                    transfer_cost, given, all_nodes=nodes)
    return moves


def _name(nodes, key):
    return str(nodes[key].get("name") or key)


def runs_out(node):
    """(days of cover, days to the next receipt) when ``node`` is short before its
    next receipt arrives, else None: what it has (on hand + balancing transfers on
    their way) less the demand until its next incoming receipt (an overdue receipt:
    1 day; nothing incoming: an order placed today, its lead time) falls below its
    safety stock: it runs out before the receipt (days of cover < days to the
    receipt), or it is left below its safety stock with nothing incoming in time."""
    daily = node["daily"]
    if daily <= 0:
        return None
    have = node["on_hand"] + node.get("on_way", 0.0)
    cover = max(have, 0.0) / daily
    next_days = node.get("next_receipt_days")
    horizon = node["lead_days"] if next_days is None else max(next_days, 1.0)
    if have - daily * horizon < node["safety"]:
        return cover, horizon
    return None


def rescue(nodes, transfer_cost, given=None, all_nodes=None):
    """Rescue transfers: each node short before its next receipt (:func:`runs_out`)
    gets, from the node with the most stock above its own safety stock + lead-time
    demand (what it keeps for itself: the reorder point), what it lacks to reach its
    safety stock + the demand until its next receipt, when moving one unit costs less
    than the lost margin.
    ``given``: what donors already gave. Soonest stockout first.
    Returns [(src, dst, qty, unit_cost, "rescue", note)]."""
    all_nodes = all_nodes or nodes
    given = dict(given or {})

    def spare(key):
        n = all_nodes[key]
        keep = n["safety"] + n["daily"] * n["lead_days"]
        return math.floor(n["on_hand"] - given.get(key, 0.0) - keep + 1e-9)

    short = []
    for key, n in nodes.items():
        out = runs_out(n)
        if out:
            short.append((out[0], str(key), key, out))
    moves = []
    for _cover, _sort, dst, (cover, horizon) in sorted(short):
        n = nodes[dst]
        have = n["on_hand"] + n.get("on_way", 0.0)
        need = math.ceil(n["safety"] + n["daily"] * horizon - have - 1e-9)
        if need <= 0:
            continue
        donors = sorted(((spare(k), str(k), k) for k in all_nodes
                         if k != dst and spare(k) > 0), reverse=True)
        for avail, _s, src in donors:
            cost = transfer_cost(src, dst)
            if cost >= n["margin"] or need <= 0:
                continue
            qty = min(need, avail)
            given[src] = given.get(src, 0.0) + qty
            need -= qty
            note = (f"rescue: {_name(all_nodes, dst)} runs out in {cover:.1f} days, next "
                    f"receipt in {horizon:g} (safety stock {n['safety']:g}); "
                    f"{_name(all_nodes, src)} holds {avail:g} "
                    f"above its safety stock + lead-time demand; lost margin "
                    f"{n['margin']:.2f} > transfer cost {cost:.2f} per unit")
            moves.append((src, dst, float(qty), cost, "rescue", note))
    return moves


def percentile(values, q):
    """Linear-interpolated percentile (PostgreSQL's percentile_cont)."""
    values = sorted(values)
    if not values:
        return None
    pos = (len(values) - 1) * q
    low = math.floor(pos)
    high = math.ceil(pos)
    return values[low] + (values[high] - values[low]) * (pos - low)


def rate(numerator, denominator):
    """A rate in [0, 1], None when there is no data (never 0 for 'no data')."""
    if not denominator:
        return None
    return max(0.0, min(1.0, numerator / denominator))


def lead_time_prediction_sd(sd, lines):
    """The spread of the next receipt's lead time when the mean and sd were measured
    on ``lines`` receipt lines: s × √(1 + 1/n) (the next lead time's own spread plus
    the error of the measured mean; s itself when nothing is measured)."""
    if not lines:
        return sd
    return sd * math.sqrt(1.0 + 1.0 / lines)


def pooled_lead_time(groups):
    """Mean and sample sd of lead times pooled from (count, Σx, Σx²) groups."""
    n = sum(g[0] for g in groups)
    if not n:
        return None, None
    s = sum(g[1] for g in groups)
    ss = sum(g[2] for g in groups)
    mean = s / n
    var = (ss - n * mean * mean) / (n - 1) if n > 1 else 0.0
    return mean, math.sqrt(max(var, 0.0))
