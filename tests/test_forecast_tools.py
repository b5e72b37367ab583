"""Plain pytest for the forecast arithmetic (no database): each method's forecast
and parts on tiny hand-computed series, censoring, the backtest's choice, exact
parts, and the accuracy figures."""

import importlib.util
import math
import pathlib

import numpy as np
import pytest

_TOOLS = pathlib.Path(__file__).parents[1] / "addons/omni_stock_forecast/tools"


def _load(name):
    spec = importlib.util.spec_from_file_location(name, _TOOLS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fc = _load("forecast")
robust = _load("robust")
NAN = math.nan


def parts_of(result, row=0):
    return {name: (result[name][row] / 100).tolist() for name in (*fc.PART_NAMES, "figure")}


def assert_parts_add_up(result):
    total = sum(result[name] for name in fc.PART_NAMES)
    assert (total == result["figure"]).all()


def test_seasonal_naive_is_last_season_as_level_plus_season():
    p = fc.Params(season=4, horizon=4, folds=1)
    level, trend, season = fc.seasonal_naive(np.array([[1, 2, 3, 4, 2, 4, 6, 8.0]]), 8, p)
    assert level.tolist() == [5.0]
    assert trend.tolist() == [[0, 0, 0, 0]]
    assert season.tolist() == [[-3.0, -1.0, 1.0, 3.0]]


def test_seasonal_naive_without_a_season_is_naive():
    p = fc.Params(horizon=3)
    level, _trend, season = fc.seasonal_naive(np.array([[3, 5, 4.0, NAN]]), 4, p)
    assert level.tolist() == [4.0], "the last known week"
    assert season.tolist() == [[0, 0, 0]]


def test_moving_average_of_the_last_known_weeks():
    p = fc.Params(ma_window=2, horizon=2)
    level, _t, _s = fc.moving_average(np.array([[NAN, 2, 4, NAN, 6.0]]), 5, p)
    assert level.tolist() == [5.0]


def test_ses_by_hand():
    # alpha 0.5: level 2 -> 2 + 0.5 x (4 - 2) = 3 -> 3 + 0.5 x (6 - 3) = 4.5
    p = fc.Params(ses_alpha=0.5, horizon=2)
    level, trend, _s = fc.ses(np.array([[2, 4, 6.0]]), [3], p)[3]
    assert level.tolist() == [4.5]
    assert trend.tolist() == [[0, 0]]


def test_holt_by_hand():
    # alpha 0.5, beta 0.2, no damping: (l, b) = (2, 0) -> (3, 0.4) -> (4.7, 0.92)
    p = fc.Params(holt_alpha=0.5, holt_beta=0.2, phi=1.0, horizon=2)
    level, trend, _s = fc.holt(np.array([[2, 4, 6.0]]), [3], p)[3]
    assert level.tolist() == pytest.approx([4.7])
    assert trend.tolist()[0] == pytest.approx([0.92, 1.84])


def test_holt_skips_unknown_weeks():
    p = fc.Params(holt_alpha=0.5, holt_beta=0.2, phi=1.0, horizon=1)
    # an unknown week moves the level by the trend only: (3, 0.4) -> (3.4, 0.4)
    level, _trend, _s = fc.holt(np.array([[2, 4, NAN]]), [3], p)[3]
    assert level.tolist() == pytest.approx([3.4])


def test_holt_winters_repeats_a_perfect_season():
    p = fc.Params(season=4, horizon=4, hw_smooth=1, hw_min_seasons=1.5)
    y = np.array([[1, 5, 3, 7.0] * 3])
    level, trend, season = fc.holt_winters(y, [12], p)[12]
    assert (level[:, None] + trend + season).tolist()[0] == pytest.approx([1, 5, 3, 7])


def test_holt_winters_needs_enough_seasons():
    p = fc.Params(season=4, horizon=2, hw_smooth=1, hw_min_seasons=2)
    level, _t, _s = fc.holt_winters(np.array([[1, 5, 3, 7, 1, 5.0]]), [6], p)[6]
    assert np.isnan(level).all()


def test_tsb_by_hand():
    # alpha = beta = 0.5: probability 0 -> 0.5 -> 0.25 -> 0.625; size 4 -> 4 -> 3
    p = fc.Params(tsb_alpha=0.5, tsb_beta=0.5, horizon=1)
    level, _t, _s = fc.tsb(np.array([[0, 4, 0, 2.0]]), [4], p)[4]
    assert level.tolist() == pytest.approx([1.875])


def test_censoring_scales_short_weeks_and_drops_empty_ones():
    raw, clean = fc.clean_history(
        np.array([[7, 7, 1, 9.0]]), np.array([[7, 5, 2, 7]]), np.array([[0, 0, 0, 1]]))
    assert raw.tolist()[0][:3] == [7, 7, 1] and math.isnan(raw[0, 3])
    assert clean[0, 0] == 7
    assert clean[0, 1] == pytest.approx(9.8), "7 sold in 5 days in stock: 9.8 a week"
    assert math.isnan(clean[0, 2]), "2 days in stock: demand unknown, not 1"
    assert math.isnan(clean[0, 3]), "promotion week: not base demand"


def test_stockout_correction_is_its_own_part():
    # sold 4 a week, then 2 in a week with only 3 days in stock (unknown)
    p = fc.Params(horizon=2)
    result = fc.forecast([[4, 4, 4, 2.0]], [[7, 7, 7, 3]], params=p)
    assert fc.METHODS[result["method"][0]] == "seasonal_naive"
    assert parts_of(result) == {
        "level": [2.0, 2.0], "trend": [0.0, 0.0], "season": [0.0, 0.0],
        "promotion": [0.0, 0.0], "stockout": [2.0, 2.0], "figure": [4.0, 4.0]}
    assert_parts_add_up(result)


def test_promotion_part_is_the_lift_over_the_base():
    promo = np.array([[0, 1, 0, 1, 0, 0, 0, 0]], dtype=bool)
    sales = np.array([[5, 10, 5, 10, 5, 5, 5, 5.0]])
    assert fc.promotion_lift(sales, promo).tolist() == [1.0]
    p = fc.Params(horizon=2, folds=1, ma_window=4)
    result = fc.forecast(sales, None, promo, np.array([[1, 0]], dtype=bool), p)
    parts = parts_of(result)
    assert parts["promotion"] == [5.0, 0.0]
    assert parts["figure"] == [10.0, 5.0]
    assert_parts_add_up(result)


def test_backtest_keeps_seasonal_naive_unless_beaten():
    mae = np.array([
        [2.0, 1.0, 3.0, NAN, NAN, 5.0],  # moving average beats the baseline
        [1.0, 1.0, 2.0, 3.0, NAN, 4.0],  # a tie does not beat it
        [NAN] * 6,  # nothing scored
    ])
    assert [fc.METHODS[i] for i in fc.choose(mae)] == [
        "moving_average", "seasonal_naive", "seasonal_naive"]


def test_backtest_chooses_the_method_that_fits():
    rng = np.random.default_rng(7)
    weeks = np.arange(104)
    seasonal = 20 + 8 * np.sin(2 * np.pi * weeks / 52) + rng.normal(0, 1, 104)
    flat = 10 + rng.normal(0, 3, 104)
    intermittent = np.where(weeks % 5 == 0, 3.0, 0.0)  # a sale every fifth week
    result = fc.forecast(np.vstack([seasonal, flat, intermittent]))
    chosen = [fc.METHODS[i] for i in result["method"]]
    assert chosen[0] == "holt_winters"
    assert chosen[1] in ("moving_average", "ses", "holt")
    assert chosen[2] in ("tsb", "moving_average", "ses")
    mae = result["mae"]
    assert (mae[np.arange(3), result["method"]] < mae[:, 0]).all(), "each beat the baseline"
    assert_parts_add_up(result)


def test_forecast_never_negative_and_parts_exact_to_the_cent():
    rng = np.random.default_rng(3)
    falling = np.maximum(0, 60 - 0.8 * np.arange(80) + rng.normal(0, 2, (50, 80)))
    result = fc.forecast(falling, rng.integers(3, 8, (50, 80)))
    assert (result["figure"] >= 0).all()
    assert_parts_add_up(result)


def test_accuracy_figures():
    wape, bias, value_added = fc.accuracy([10, 10, 5], [8, 12, NAN], [6, 16, 1])
    assert wape == pytest.approx(0.2)
    assert bias == pytest.approx(0.0)
    assert value_added == pytest.approx(1 - 4 / 6)


def test_robust_z_uses_median_and_mad():
    # median 10, MAD 1 (x 1.4826): 16 is (16 - 10) / 1.4826 deviations away
    assert robust.robust_z(16, [9, 10, 11, 10, 100]) == pytest.approx(6 / 1.4826)
    assert robust.robust_z(4, [0, 0, 0, 0]) == 4.0, "flat history: the floor of 1"
