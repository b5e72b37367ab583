# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Settlement arithmetic of consigned stock, free of the ORM."""

import calendar
from datetime import timedelta

PERIODS = ("monthly", "weekly")


def period_bounds(day, period="monthly"):
    """``(first day, last day)`` of the settlement period containing ``day``:
    a calendar month, or a week from Monday to Sunday."""
    if period not in PERIODS:
        raise ValueError(f"unknown settlement period {period!r}")
    if period == "weekly":
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=last)


def share_price(unit_price, share_percent, digits=2):
    """What the owner is owed for one unit sold at ``unit_price``: its share, rounded
    to the currency (half up, as a price on a bill)."""
    if not 0 <= share_percent <= 100:
        raise ValueError("a share is a percentage between 0 and 100")
    value = unit_price * share_percent / 100.0
    factor = 10 ** digits
    # half up on the decimal value, not on the binary noise of the product
    return float(round(value * factor + (1e-9 if value >= 0 else -1e-9))) / factor
