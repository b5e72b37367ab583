"""Plain pytest for the pure ATS arithmetic (no database)."""

import importlib.util
import pathlib

import pytest

_PATH = pathlib.Path(__file__).parents[1] / "addons/omni_stock/tools/ats_formula.py"
_SPEC = importlib.util.spec_from_file_location("ats_formula", _PATH)
f = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(f)


def loc(location_id, sellable, reserved=0.0, accuracy=100.0, trusted=True):
    return f.LocationFigure(location_id, f"L{location_id}", sellable, reserved, accuracy, trusted)


@pytest.mark.parametrize(
    "pool, safety, percent, expected",
    [
        (10, 0, 100, 10),
        (10, 3, 100, 7),
        (7, 0, 40, 2),  # 2.8 rounds down to whole units
        (10, 8, 50, 2),  # safety bites before the cap
        (10, 2, 50, 5),  # the cap bites before safety
        (2, 5, 100, 0),  # never negative
        (-3, 0, 100, 0),  # negative quants
    ],
)
def test_ats(pool, safety, percent, expected):
    assert f.ats(pool, safety, percent) == expected


def test_fractional_units_round_to_their_precision():
    assert f.ats(2.5, 0, 50, rounding=0.01) == pytest.approx(1.25)


@pytest.mark.parametrize("percent", [0, -5, 100.5])
def test_allocation_out_of_range_is_refused(percent):
    with pytest.raises(ValueError):
        f.allocation_cap(10, percent)


def test_negative_safety_is_refused():
    with pytest.raises(ValueError):
        f.ats(10, -1)


@pytest.mark.parametrize("safety, percent", [(0, 100), (3, 100), (1, 30), (50, 100), (0, 10)])
def test_explanation_sums_to_ats(safety, percent):
    locations = [loc(1, 10, 2), loc(2, 5), loc(3, 8, accuracy=80, trusted=False)]
    explanation = f.explain(locations, safety, percent, required_accuracy=95)
    assert explanation.total == pytest.approx(explanation.ats)
    assert explanation.ats == f.ats(13, safety, percent)
    untrusted = [line for line in explanation.lines if line.kind == "untrusted"]
    assert untrusted[0].excluded_quantity == 8
    assert "80% below the required 95%" in untrusted[0].description


def test_explanation_with_holds():
    explanation = f.explain([loc(1, 10)], 1, 100, holds=[("Hold WEB-1", 4)])
    assert explanation.ats == 5
    assert explanation.total == 5
    assert [line.kind for line in explanation.lines] == ["sellable", "hold", "safety"]


def test_withheld_takes_at_most_the_free_stock_in_order():
    assert f.withheld_shares(5, [("a", 2), ("b", 10)]) == [("a", 2), ("b", 3)]
    assert f.withheld_shares(-1, [("a", 2)]) == [("a", 0)]


def test_explanation_with_withheld_demand_and_supply_sums_to_ats():
    locations = [
        f.LocationFigure(1, "WH/Stock", 10, 2, 100, True, withheld=(("count", 3),)),
        f.LocationFigure(2, "WH/Shelf", 4, 0, 100, True,
                                   withheld=(("pos", 9),), note="measured 99%"),
    ]
    explanation = f.explain(locations, 1, demand=2, supply=(("returns", 5),))
    # pool = (10 - 2 - 3) + (4 - 4) - 2 = 3; ATS = 3 - 1 safety = 2
    assert explanation.ats == 2
    assert explanation.total == explanation.ats
    kinds = [line.kind for line in explanation.lines]
    assert kinds.count("withheld") == 2 and "demand" in kinds and "supply" in kinds
    supply = next(line for line in explanation.lines if line.kind == "supply")
    assert (supply.quantity, supply.excluded_quantity) == (0.0, 5)
    assert "measured 99%" in explanation.lines[3].description


def test_allocation_cap_absorbs_binary_noise():
    # 0.1 + 0.2 units of a kg-counted good, and 30 % of 10 units computed in floats
    assert f.allocation_cap(10, 30) == 3
    assert f.round_down(2.9999999999999996) == 3
    assert f.round_down(2.8) == 2
