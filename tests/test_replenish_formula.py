"""Plain pytest for the replenishment arithmetic (no database), each figure
computed by hand in the comment above its assertion."""

import importlib.util
import math
import pathlib

import pytest

_TOOLS = pathlib.Path(__file__).parents[1] / "addons/omni_stock_replenish/tools"
_spec = importlib.util.spec_from_file_location("replenish_formula",
                                               _TOOLS / "replenish_formula.py")
rf = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rf)


def test_z_of_the_service_levels():
    assert rf.z_score(0.95) == pytest.approx(1.6449, abs=1e-4)
    assert rf.z_score(0.98) == pytest.approx(2.0537, abs=1e-4)
    assert rf.z_score(0.90) == pytest.approx(1.2816, abs=1e-4)
    with pytest.raises(ValueError):
        rf.z_score(1.0)


def test_demand_stats_daily_from_weeks():
    # weeks 7, 14, 21: mean 14/week = 2/day; sd_week = 7, sd_day = 7 / √7 = √7
    mean, sd = rf.demand_stats([7, 14, 21])
    assert mean == pytest.approx(2.0)
    assert sd == pytest.approx(math.sqrt(7))
    assert rf.demand_stats([]) == (0.0, 0.0)


def test_lost_sales_correction():
    # 10 sold in 5 days in stock: 10 × 7 / 5 = 14; no day in stock: unknown
    assert rf.lost_sales_corrected(10, 5) == pytest.approx(14.0)
    assert rf.lost_sales_corrected(10, 7) == 10
    assert rf.lost_sales_corrected(3, 0) is None


def test_seasonal_index():
    # period mean 15, year mean 10 -> 1.5
    assert rf.seasonal_index([10, 20], [5, 15, 10, 10]) == pytest.approx(1.5)
    assert rf.seasonal_index([4], [0, 0]) == 1.0


def test_safety_stock_demand_and_lead_time_uncertainty():
    # z 2, d 2/day σd 1, L 4 σL 1: 2 × √(4 × 1 + 4 × 1) = 2 √8 = 5.657
    assert rf.safety_stock(2.0, 2.0, 1.0, 4.0, 1.0) == pytest.approx(5.6569, abs=1e-4)
    # no lead-time spread: 2 × √(4 × 1) = 4
    assert rf.safety_stock(2.0, 2.0, 1.0, 4.0, 0.0) == pytest.approx(4.0)


def test_recommend_by_hand():
    # 95 %: z 1.6449; d 2 σd 1, L 4 σL 1 -> SS 1.6449 × √8 = 4.652 -> 5
    # min = 2 × 4 + 5 = 13; max = 13 + 2 × 7 = 27; position 10 <= 13 -> order 17
    r = rf.recommend(2.0, 1.0, 4.0, 1.0, 0.95, 7, position=10)
    assert (r["safety"], r["min"], r["max"], r["order"]) == (5.0, 13.0, 27.0, 17.0)
    assert any("4.65" in line for line in r["explanation"])
    # above min: no order
    assert rf.recommend(2.0, 1.0, 4.0, 1.0, 0.95, 7, position=14)["order"] == 0.0
    # multiple of 6: 17 -> 18; minimum order 20 -> 20 -> 24
    assert rf.recommend(2.0, 1.0, 4.0, 1.0, 0.95, 7, 10, multiple=6)["order"] == 18.0
    assert rf.recommend(2.0, 1.0, 4.0, 1.0, 0.95, 7, 10, min_order=20,
                        multiple=6)["order"] == 24.0


def test_recommend_nothing_sells():
    r = rf.recommend(0.0, 0.0, 5.0, 1.0, 0.9, 7, position=0)
    assert (r["safety"], r["min"], r["max"]) == (0.0, 0.0, 0.0)


def test_stockout_risk_cover_vs_lead_time():
    # 6 units at 2/day = 3 days < L 4: high; 9 units = 4.5 days < 4 + 1: medium
    assert rf.stockout_risk(6, 2.0, 4.0, 1.0) == "high"
    assert rf.stockout_risk(9, 2.0, 4.0, 1.0) == "medium"
    assert rf.stockout_risk(12, 2.0, 4.0, 1.0) == "low"
    assert rf.stockout_risk(12, 0.0, 4.0) == "none"


def test_overstock_risk_cover_and_age():
    # 140 at 1/day = 20 weeks > 12 and 200 days old > 180: high
    assert rf.overstock_risk(140, 1.0, 12, 200, 180) == ("high", 20.0)
    assert rf.overstock_risk(140, 1.0, 12, 10, 180) == ("medium", 20.0)
    assert rf.overstock_risk(70, 1.0, 12) == ("low", 10.0)
    assert rf.overstock_risk(5, 0.0, 12) == ("medium", None)


def test_balance_moves_excess_to_the_node_below_safety_when_cheaper():
    nodes = {
        # 1/day: keep 4 weeks = 28 (max 20): excess floor(60 - 28) = 32
        "A": {"on_hand": 60, "daily": 1.0, "safety": 5, "min": 10, "max": 20,
              "margin": 10.0, "lead_days": 7, "unit_cost": 20.0},
        # 2 on hand, safety 6, max 25: needs 23; cover 1 day < lead 7: lost sale, margin 10
        "B": {"on_hand": 2, "daily": 2.0, "safety": 6, "min": 20, "max": 25,
              "margin": 10.0, "lead_days": 7, "unit_cost": 20.0},
        "C": {"on_hand": 8, "daily": 1.0, "safety": 5, "min": 10, "max": 20,
              "margin": 10.0, "lead_days": 7, "unit_cost": 20.0},
    }
    moves = rf.balance(nodes, 4, lambda s, d: 1.5)
    assert moves == [("A", "B", 23.0, 1.5, "lost sale")]
    # a transfer dearer than the margin is not proposed
    assert rf.balance(nodes, 4, lambda s, d: 12.0) == []


def test_balance_holding_cost_when_purchase_arrives_in_time():
    nodes = {
        "A": {"on_hand": 100, "daily": 1.0, "safety": 5, "max": 20, "margin": 10.0,
              "lead_days": 2, "unit_cost": 52.0},
        # 4 on hand at 1/day = 4 days >= lead 2: compare with holding A's excess:
        # excess 100 - 28 = 72 = 10.29 weeks: 52 × 0.25 × 10.29 / 52 = 2.571 per unit
        "B": {"on_hand": 4, "daily": 1.0, "safety": 5, "max": 10, "margin": 10.0,
              "lead_days": 2, "unit_cost": 52.0},
    }
    assert rf.balance(nodes, 4, lambda s, d: 2.5) == [("A", "B", 6.0, 2.5, "holding cost")]
    assert rf.balance(nodes, 4, lambda s, d: 2.6) == []


def test_rates_no_data_is_not_zero_and_never_above_one():
    assert rf.rate(0, 0) is None
    assert rf.rate(0, 5) == 0.0
    assert rf.rate(12, 10) == 1.0


def test_percentile_like_postgres():
    # [2, 4, 6, 10]: p90 at 2.7 -> 6 + 0.7 × 4 = 8.8
    assert rf.percentile([10, 2, 6, 4], 0.9) == pytest.approx(8.8)
    assert rf.percentile([], 0.9) is None


def test_pooled_lead_time():
    # {2, 4} and {6}: mean 4, sample sd 2
    mean, sd = rf.pooled_lead_time([(2, 6, 20), (1, 6, 36)])
    assert (mean, sd) == (pytest.approx(4.0), pytest.approx(2.0))
    assert rf.pooled_lead_time([]) == (None, None)


def test_balance_counts_what_is_on_its_way():
    nodes = {
        "A": {"on_hand": 60, "daily": 1.0, "safety": 5, "max": 20, "margin": 10.0,
              "lead_days": 7, "unit_cost": 20.0},
        # 2 on hand but 20 on their way (position 22 >= safety 6): no need
        "B": {"on_hand": 2, "position": 22, "daily": 2.0, "safety": 6, "max": 25,
              "margin": 10.0, "lead_days": 7, "unit_cost": 20.0},
    }
    assert rf.balance(nodes, 4, lambda s, d: 1.5) == []
    # position 4: needs 25 - 4 = 21
    nodes["B"]["position"] = 4
    assert rf.balance(nodes, 4, lambda s, d: 1.5) == [("A", "B", 21.0, 1.5, "lost sale")]
