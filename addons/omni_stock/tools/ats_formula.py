"""Available-to-sell arithmetic, free of the ORM.

The SQL engine (``models/omni_ats.py``) computes the same figures for many
products at once; this module states the rule once in plain Python so it can
be explained line by line and tested without a database.
"""

import math
from dataclasses import dataclass, field

DEFAULT_ROUNDING = 1.0


@dataclass(frozen=True)
class LocationFigure:
    """Sellable stock of one product in one source location."""

    location_id: int
    name: str
    sellable: float
    reserved: float
    accuracy: float
    trusted: bool


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
    # the epsilon absorbs binary noise such as 2.9999999999 units
    return math.floor(quantity / rounding + 1e-9) * rounding


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

    ``pool`` is trusted sellable minus reserved stock; ``holds`` are the
    channel's own active holds, ``holds_other`` the active holds of other
    channels drawing on the same pool.  Own holds use up the channel's
    allocation cap; other channels' holds only shrink the shared pool.
    """
    if safety < 0:
        raise ValueError("safety stock cannot be negative")
    if holds < 0 or holds_other < 0:
        raise ValueError("holds cannot be negative")
    cap = allocation_cap(pool, allocation_percent, rounding)
    return max(0.0, min(pool - holds - holds_other - safety, cap - holds))


def explain(locations, safety, allocation_percent=100.0, rounding=DEFAULT_ROUNDING,
            required_accuracy=0.0, holds=(), safety_label="Safety stock"):
    """Return an :class:`Explanation` whose lines sum to the ATS.

    ``holds`` is an iterable of ``(description, quantity)`` pairs (the
    channel's own holds) or ``(description, quantity, own)`` triples, where
    ``own`` is false for holds of other channels sharing the pool.
    """
    lines = []
    pool = 0.0
    for loc in locations:
        if not loc.trusted:
            lines.append(ExplanationLine(
                "untrusted",
                f"{loc.name}: excluded, accuracy {loc.accuracy:g}% "
                f"below the required {required_accuracy:g}%",
                0.0, loc.location_id, loc.sellable - loc.reserved,
            ))
            continue
        lines.append(ExplanationLine(
            "sellable", f"{loc.name}: sellable stock", loc.sellable, loc.location_id))
        if loc.reserved:
            lines.append(ExplanationLine(
                "reserved", f"{loc.name}: reserved by transfers",
                -loc.reserved, loc.location_id))
        pool += loc.sellable - loc.reserved
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
            "allocation",
            f"Allocation cap: {allocation_percent:g}% of the pooled stock",
            cap - net))
    value = ats(pool, safety, allocation_percent, rounding, held, held_other)
    shortfall = value - min(net, cap)
    if shortfall:
        lines.append(ExplanationLine(
            "floor", "ATS never goes below zero", shortfall))
    return Explanation(value, lines)
