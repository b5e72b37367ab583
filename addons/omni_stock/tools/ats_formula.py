"""Available-to-sell arithmetic, free of the ORM.

The SQL engine (``models/omni_ats.py``) computes the same figures for many
products at once; this module states the rule once in plain Python so it can
be explained line by line and tested without a database.

Explanation texts are templates with named placeholders; the engine passes
translated ones (``LABELS`` are the English defaults).
"""

from dataclasses import dataclass, field

from odoo.tools.float_utils import float_round

DEFAULT_ROUNDING = 1.0

LABELS = {
    "sellable": "%(location)s: sellable stock",
    "reserved": "%(location)s: reserved by transfers",
    "withheld": "%(location)s: %(reason)s",
    "untrusted": "%(location)s: excluded, accuracy %(accuracy)s%% below the required "
                 "%(required)s%%",
    "demand": "Ordered, not yet reserved by a transfer",
    "allocation": "Allocation cap: %(percent)s%% of the pooled stock",
    "floor": "ATS never goes below zero",
    "supply": "%(reason)s: %(quantity)s (probable, never sold)",
    "note": "%(line)s (%(note)s)",
}


@dataclass(frozen=True)
class LocationFigure:
    """Sellable stock of one product in one source location.

    ``withheld``: ``(reason, quantity)`` pairs of stock the channels must not
    promise yet; together they never take more than the free stock.
    """

    location_id: int
    name: str
    sellable: float
    reserved: float
    accuracy: float
    trusted: bool
    withheld: tuple = ()
    note: str = ""


@dataclass(frozen=True)
class ExplanationLine:
    kind: str
    description: str
    quantity: float
    location_id: int = 0
    excluded_quantity: float = 0.0


@dataclass
class Explanation:
    ats: float
    lines: list = field(default_factory=list)

    @property
    def total(self):
        return sum(line.quantity for line in self.lines)


def round_down(quantity, rounding=DEFAULT_ROUNDING):
    """Round ``quantity`` down to a multiple of the unit's ``rounding``."""
    if rounding <= 0:
        raise ValueError("rounding must be positive")
    # Odoo's own rounding absorbs binary noise such as 2.9999999999 units
    return float_round(quantity, precision_rounding=rounding, rounding_method="DOWN")


def allocation_cap(pool, allocation_percent, rounding=DEFAULT_ROUNDING):
    """Largest quantity a channel may take from ``pool`` under its cap."""
    if not 0 < allocation_percent <= 100:
        raise ValueError("allocation percent must be in (0, 100]")
    if pool <= 0:
        return pool
    return round_down(pool * allocation_percent / 100.0, rounding)


def ats(pool, safety, allocation_percent=100.0, rounding=DEFAULT_ROUNDING, holds=0.0,
        holds_other=0.0):
    """ATS = max(0, min(pool - holds - holds_other - safety, cap(pool) - holds)).

    ``pool`` is trusted sellable stock minus reserved, withheld and unreserved
    demand; ``holds`` are the channel's own active holds, ``holds_other`` the
    active holds of other channels drawing on the same pool.  Own holds use up
    the channel's allocation cap; other channels' holds only shrink the pool.
    """
    if safety < 0:
        raise ValueError("safety stock cannot be negative")
    if holds < 0 or holds_other < 0:
        raise ValueError("holds cannot be negative")
    cap = allocation_cap(pool, allocation_percent, rounding)
    return max(0.0, min(pool - holds - holds_other - safety, cap - holds))


def withheld_shares(free, withheld):
    """What each withheld quantity takes of a location's ``free`` stock, in order."""
    left = max(free, 0.0)
    shares = []
    for reason, quantity in withheld:
        share = min(quantity, left)
        shares.append((reason, share))
        left -= share
    return shares


def explain(locations, safety, allocation_percent=100.0, rounding=DEFAULT_ROUNDING,
            required_accuracy=0.0, holds=(), safety_label="Safety stock", demand=0.0,
            supply=(), labels=None):
    """Return an :class:`Explanation` whose lines sum to the ATS.

    ``holds`` is an iterable of ``(description, quantity)`` pairs (the
    channel's own holds) or ``(description, quantity, own)`` triples, where
    ``own`` is false for holds of other channels sharing the pool.
    ``demand`` is confirmed outgoing demand not reserved yet; ``supply`` are
    ``(reason, quantity)`` pairs of probable supply, listed and never counted.
    """
    labels = {**LABELS, **(labels or {})}

    def located(kind, loc, **values):
        text = labels[kind] % {"location": loc.name, **values}
        return labels["note"] % {"line": text, "note": loc.note} if loc.note else text

    lines = []
    pool = 0.0
    for loc in locations:
        if not loc.trusted:
            lines.append(ExplanationLine(
                "untrusted",
                located("untrusted", loc, accuracy=f"{loc.accuracy:g}",
                        required=f"{required_accuracy:g}"),
                0.0, loc.location_id, loc.sellable - loc.reserved,
            ))
            continue
        lines.append(ExplanationLine(
            "sellable", located("sellable", loc), loc.sellable, loc.location_id))
        if loc.reserved:
            lines.append(ExplanationLine(
                "reserved", located("reserved", loc), -loc.reserved, loc.location_id))
        withheld = 0.0
        for reason, share in withheld_shares(loc.sellable - loc.reserved, loc.withheld):
            if share:
                lines.append(ExplanationLine(
                    "withheld", located("withheld", loc, reason=reason), -share,
                    loc.location_id))
                withheld += share
        pool += loc.sellable - loc.reserved - withheld
    if demand:
        lines.append(ExplanationLine("demand", labels["demand"], -demand))
        pool -= demand
    held = held_other = 0.0
    for description, quantity, *own in holds:
        lines.append(ExplanationLine("hold", description, -quantity))
        if not own or own[0]:
            held += quantity
        else:
            held_other += quantity
    if safety:
        lines.append(ExplanationLine("safety", safety_label, -safety))
    net = pool - held - held_other - safety
    cap = allocation_cap(pool, allocation_percent, rounding) - held
    if net > cap:
        lines.append(ExplanationLine(
            "allocation", labels["allocation"] % {"percent": f"{allocation_percent:g}"},
            cap - net))
    value = ats(pool, safety, allocation_percent, rounding, held, held_other)
    shortfall = value - min(net, cap)
    if shortfall:
        lines.append(ExplanationLine("floor", labels["floor"], shortfall))
    for reason, quantity in supply:
        if quantity:
            lines.append(ExplanationLine(
                "supply", labels["supply"] % {"reason": reason, "quantity": f"{quantity:g}"},
                0.0, excluded_quantity=quantity))
    return Explanation(value, lines)
