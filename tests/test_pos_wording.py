"""Plain pytest for the cashier's wording of the POS figures (no database)."""

import importlib.util
import pathlib

import pytest

_PATH = pathlib.Path(__file__).parents[1] / "addons/omni_stock_pos/tools/wording.py"
_SPEC = importlib.util.spec_from_file_location("pos_wording", _PATH)
w = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(w)


@pytest.mark.parametrize(
    "quantity, rounding, expected",
    [
        (19.0, 1.0, "19"),  # never "19.0"
        (0.0, 1.0, "0"),
        (-0.0, 1.0, "0"),
        (2.9999999999, 1.0, "3"),
        (2.5, 0.01, "2.5"),  # no trailing zero
        (2.0, 0.01, "2"),
        (1.2345, 0.001, "1.234"),  # the unit's decimals at most (banker's rounding aside)
        (0.5, 0.5, "0.5"),
        (None, 1.0, "0"),
    ],
)
def test_format_quantity(quantity, rounding, expected):
    assert w.format_quantity(quantity, rounding) == expected


def figures(**values):
    base = dict.fromkeys((
        "ats", "on_hand", "sellable", "reserved", "pool", "withheld", "demand", "holds",
        "safety"), 0.0)
    return {**base, **values}


@pytest.mark.parametrize(
    "values, kinds, expected",
    [
        (figures(ats=3, on_hand=3, sellable=3, pool=3), None, ""),
        (figures(), None, "out_of_stock"),
        # only returns awaiting inspection or damaged goods
        (figures(on_hand=4), None, "not_sellable"),
        # the shelves' stock is below the channel's accuracy: nothing in the pool
        (figures(on_hand=5, sellable=5), None, "not_verified"),
        (figures(on_hand=5, sellable=5, pool=5, holds=5, reserved=5), None, "held"),
        (figures(on_hand=5, sellable=5, pool=0, withheld=5), {"pos_offline": 5}, "offline"),
        (figures(on_hand=5, sellable=5, pool=0, withheld=5), {"pos_unsynced": 5},
         "sold_open_session"),
        (figures(on_hand=5, sellable=5, pool=0, withheld=5), {"pick_short": 5},
         "count_pending"),
        (figures(on_hand=5, sellable=5, pool=0, withheld=5), {"other": 5}, "kept_back"),
        # reserved by a delivery: the detailed "reserved" counts holds too, not here
        (figures(on_hand=5, sellable=5, reserved=5, pool=0), None, "reserved"),
        (figures(on_hand=5, sellable=5, pool=0, demand=5), None, "reserved"),
        (figures(on_hand=2, sellable=2, pool=2, safety=2), None, "safety"),
        # the largest deduction wins
        (figures(on_hand=6, sellable=6, pool=2, withheld=4, holds=2, reserved=2),
         {"pos_unsynced": 4}, "sold_open_session"),
    ],
)
def test_zero_reason(values, kinds, expected):
    assert w.zero_reason(values, kinds) == expected


def test_split_withheld_sums_to_the_engines_capped_total():
    # the parts withhold 7, the engine capped the locations at their free stock: 5
    shares = w.split_withheld(5, {"pos_unsynced": 4, "pick_short": 3})
    assert shares == {"count_pending": 3, "sold_open_session": 2}
    assert sum(shares.values()) == 5
    # a total the parts do not explain is kept back
    assert w.split_withheld(3, {"pos_offline": 1}) == {"offline": 1, "kept_back": 2}
    assert w.split_withheld(0, {"pos_offline": 1}) == {}
