"""Plain pytest for the consignment settlement arithmetic (no database): settlement
periods and the owner's share of a sale price, hand-computed."""

import importlib.util
import pathlib
from datetime import date

import pytest

_PATH = pathlib.Path(__file__).parents[1] / "addons/omni_stock_consignment/tools/settlement.py"
_spec = importlib.util.spec_from_file_location("consignment_settlement", _PATH)
settlement = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(settlement)


@pytest.mark.parametrize(("day", "period", "bounds"), [
    (date(2026, 12, 5), "monthly", (date(2026, 12, 1), date(2026, 12, 31))),
    (date(2028, 2, 29), "monthly", (date(2028, 2, 1), date(2028, 2, 29))),
    (date(2026, 2, 1), "monthly", (date(2026, 2, 1), date(2026, 2, 28))),
    (date(2026, 12, 5), "weekly", (date(2026, 11, 30), date(2026, 12, 6))),  # a Saturday
    (date(2026, 11, 30), "weekly", (date(2026, 11, 30), date(2026, 12, 6))),  # Monday
    (date(2026, 12, 6), "weekly", (date(2026, 11, 30), date(2026, 12, 6))),  # Sunday
    (date(2026, 12, 31), "weekly", (date(2026, 12, 28), date(2027, 1, 3))),  # across years
])
def test_period_bounds(day, period, bounds):
    assert settlement.period_bounds(day, period) == bounds


def test_unknown_period_refused():
    with pytest.raises(ValueError):
        settlement.period_bounds(date(2026, 1, 1), "daily")


@pytest.mark.parametrize(("price", "share", "owed"), [
    (80.0, 60.0, 48.0),
    (10.0, 50.0, 5.0),
    (19.99, 35.0, 7.0),  # 6.9965
    (0.05, 50.0, 0.03),  # 0.025: half up, whatever binary 0.025 is
    (1.15, 50.0, 0.58),  # 0.575
    (-80.0, 60.0, -48.0),
    (12.34, 0.0, 0.0),
    (12.34, 100.0, 12.34),
])
def test_share_price(price, share, owed):
    assert settlement.share_price(price, share) == owed


@pytest.mark.parametrize("share", [-1.0, 100.5])
def test_share_outside_a_percentage_refused(share):
    with pytest.raises(ValueError):
        settlement.share_price(10.0, share)
