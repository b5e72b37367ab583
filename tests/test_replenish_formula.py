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


def test_normal_loss_function():
    # G(k) = φ(k) − k (1 − Φ(k)): G(0) = φ(0) = 1/√(2π) = 0.39894;
    # G(0.5) = 0.35207 − 0.5 × 0.30854 = 0.19780; G(1) = 0.24197 − 0.15866 = 0.08332;
    # G(2) = 0.05399 − 2 × 0.02275 = 0.00849
    assert rf.normal_loss(0.0) == pytest.approx(0.39894, abs=1e-5)
    assert rf.normal_loss(0.5) == pytest.approx(0.19780, abs=1e-5)
    assert rf.normal_loss(1.0) == pytest.approx(0.08332, abs=1e-5)
    assert rf.normal_loss(2.0) == pytest.approx(0.00849, abs=1e-5)


def test_fill_rate_safety_factor():
    # β 95 %, σ_LT √8 = 2.8284, Q 14: G(k) = 0.05 × 14 / 2.8284 = 0.24749;
    # G(0.35) = 0.37524 − 0.35 × 0.36317 = 0.24813, G(0.36) = 0.37391 − 0.36 × 0.35942
    # = 0.24452: k ≈ 0.35 + 0.01 × (0.24813 − 0.24749) / (0.24813 − 0.24452) = 0.3518
    k = rf.fill_rate_k(0.95, math.sqrt(8), 14)
    assert k == pytest.approx(0.3518, abs=1e-3)
    assert rf.normal_loss(k) * math.sqrt(8) == pytest.approx(0.05 * 14, abs=1e-9)
    # G(k) = 0.02 × 14 / 2.8284 = 0.09899 is between G(1) = 0.08332 and G(0.9) =
    # 0.26609 − 0.9 × 0.18406 = 0.10043: k ≈ 0.9 + 0.1 × (0.10043 − 0.09899) / 0.01711
    # = 0.908
    assert rf.fill_rate_k(0.98, math.sqrt(8), 14) == pytest.approx(0.908, abs=2e-3)
    # a long cycle: 0.1 × 100 / 2 = 5 > G(0) = 0.399: the floor, k = 0
    assert rf.fill_rate_k(0.90, 2.0, 100) == 0.0
    # nothing uncertain: k = 0; nothing sells but a spread: the cap
    assert rf.fill_rate_k(0.95, 0.0, 14) == 0.0
    assert rf.fill_rate_k(0.95, 2.0, 0.0) == rf.K_CAP
    with pytest.raises(ValueError):
        rf.fill_rate_k(1.0, 2.0, 14)


def test_recommend_by_hand():
    # fill rate 98 %: d 2 σd 2, L 4 σL 1 -> σ_LT = √(4 × 4 + 4 × 1) = √20 = 4.4721;
    # Q = 2 × 7 = 14; G(k) = 0.02 × 14 / 4.4721 = 0.06261: G(1.14) = 0.20828 − 1.14 ×
    # 0.12714 = 0.06334, G(1.15) = 0.20594 − 1.15 × 0.12507 = 0.06210 -> k ≈ 1.146;
    # SS = 1.146 × 4.4721 = 5.12 -> 6; min = 2 × 4 + 6 = 14; max = 14 + 14 = 28;
    # position 10 <= 14 -> order 18
    r = rf.recommend(2.0, 2.0, 4.0, 1.0, 0.98, 7, position=10)
    assert r["k"] == pytest.approx(1.146, abs=1e-3)
    assert (r["safety"], r["min"], r["max"], r["order"]) == (6.0, 14.0, 28.0, 18.0)
    assert "fill rate 98% → G(k) = (1 − β) × Q / σ_LT = 0.02 × 14.00 / 4.47 = 0.0626 → " \
        "k = 1.146" in r["explanation"]
    assert "safety = k × σ_LT = 1.146 × 4.47 = 5.12 → 6" in r["explanation"]
    # above min: no order
    assert rf.recommend(2.0, 2.0, 4.0, 1.0, 0.98, 7, position=15)["order"] == 0.0
    # multiple of 6: 18 -> 18; 5 -> 17 -> 18; minimum order 20 -> 20 -> 24
    assert rf.recommend(2.0, 2.0, 4.0, 1.0, 0.98, 7, 11, multiple=6)["order"] == 18.0
    assert rf.recommend(2.0, 2.0, 4.0, 1.0, 0.98, 7, 10, min_order=20,
                        multiple=6)["order"] == 24.0


def test_recommend_a_lower_fill_rate_keeps_less_stock():
    # 90 %: G(k) = 0.1 × 14 / 4.4721 = 0.31305: G(0.2) = 0.39104 − 0.2 × 0.42074 =
    # 0.30689, G(0.18) = 0.39253 − 0.18 × 0.42858 = 0.31539 -> k ≈ 0.185;
    # SS = 0.185 × 4.4721 = 0.83 -> 1; min 9, max 23
    r = rf.recommend(2.0, 2.0, 4.0, 1.0, 0.90, 7, position=10)
    assert r["k"] == pytest.approx(0.185, abs=2e-3)
    assert (r["safety"], r["min"], r["max"]) == (1.0, 9.0, 23.0)


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
    # and C: 8 on hand - 7 days × 1 until an order placed today arrives = 1 < safety 5:
    # rescued from A (spare 60 - 5 - 7 - 23 given = 25) with 5 + 7 - 8 = 4
    assert [m[:5] for m in moves] == [("A", "B", 23.0, 1.5, "lost sale"),
                                      ("A", "C", 4.0, 1.5, "rescue")]
    assert moves[0][5] == ("A holds 8.6 weeks of cover (above 4); B is at 2, below its "
                           "safety stock 6: lost sale 10.00 > transfer cost 1.50 per unit")
    # a transfer dearer than the margin is not proposed (nor rescued)
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
    assert [m[:5] for m in rf.balance(nodes, 4, lambda s, d: 2.5)] == [
        ("A", "B", 6.0, 2.5, "holding cost")]
    # dearer than holding: no balancing; but B (4 - 2 days × 1 = 2 left when an order
    # placed today arrives, below its safety 5) is rescued with 5 + 2 - 4 = 3 as the
    # lost margin 10 > 2.6
    assert [m[:5] for m in rf.balance(nodes, 4, lambda s, d: 2.6)] == [
        ("A", "B", 3.0, 2.6, "rescue")]
    nodes["B"]["margin"] = 2.5
    assert rf.balance(nodes, 4, lambda s, d: 2.6) == []


def test_rescue_when_a_node_runs_out_before_its_next_receipt():
    nodes = {
        # 2.5/day, safety 4, lead 5: keeps 4 + 12.5 = 16.5; spare floor(40 - 16.5) = 23
        # (4 weeks of cover = 70 > 40: no excess donor)
        "CEN": {"on_hand": 40, "daily": 2.5, "safety": 4, "max": 30, "margin": 15.0,
                "lead_days": 5, "unit_cost": 10.0, "name": "Central"},
        # 1/day, safety 3: spare floor(12 - 3 - 5) = 4
        "PAR": {"on_hand": 12, "daily": 1.0, "safety": 3, "max": 12, "margin": 15.0,
                "lead_days": 5, "unit_cost": 10.0, "name": "Paris"},
        # 2 on hand at 1/day: 2 days of cover, its receipt comes in 5 (position 12
        # with the order: not below its safety stock 3): needs 3 + 1 × 5 - 2 = 6
        "LYO": {"on_hand": 2, "position": 12, "daily": 1.0, "safety": 3, "max": 12,
                "margin": 15.0, "lead_days": 5, "unit_cost": 10.0, "name": "Lyon",
                "next_receipt_days": 5},
    }
    moves = rf.balance(nodes, 4, lambda s, d: 1.0)
    assert [m[:5] for m in moves] == [("CEN", "LYO", 6.0, 1.0, "rescue")]
    assert moves[0][5].startswith("rescue: Lyon runs out in 2.0 days, next receipt in 5 "
                                  "(safety stock 3); "
                                  "Central holds 23 above its safety stock + lead-time "
                                  "demand")
    # a balancing transfer already on its way (6): 8 - 5 = 3 left at the receipt,
    # its safety stock: no rescue
    nodes["LYO"]["on_way"] = 6
    assert rf.balance(nodes, 4, lambda s, d: 1.0) == []
    # moving costs more than the lost margin: no rescue
    nodes["LYO"]["on_way"] = 0
    assert rf.balance(nodes, 4, lambda s, d: 15.0) == []
    # an overdue receipt counts as arriving in 1 day: 2 - 1 = 1 < 3: 3 + 1 - 2 = 2
    nodes["LYO"]["next_receipt_days"] = -2
    assert [m[:5] for m in rf.balance(nodes, 4, lambda s, d: 1.0)] == [
        ("CEN", "LYO", 2.0, 1.0, "rescue")]


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


def test_lead_time_prediction_sd():
    # 4 receipts {5, 6, 7, 8}: mean 6.5, s² = (174 - 4 × 6.5²) / 3 = 5 / 3, s = 1.2910;
    # the next receipt: s × √(1 + 1/4) = 1.2910 × 1.1180 = 1.4434
    mean, sd = rf.pooled_lead_time([(4, 26, 174)])
    assert (mean, sd) == (pytest.approx(6.5), pytest.approx(1.2910, abs=1e-4))
    assert rf.lead_time_prediction_sd(sd, 4) == pytest.approx(1.4434, abs=1e-4)
    # one receipt: no spread measured yet, none invented; nothing measured: as given
    assert rf.lead_time_prediction_sd(0.0, 1) == 0.0
    assert rf.lead_time_prediction_sd(2.0, 0) == 2.0


def test_balance_counts_what_is_on_its_way():
    nodes = {
        "A": {"on_hand": 60, "daily": 1.0, "safety": 5, "max": 20, "margin": 10.0,
              "lead_days": 7, "unit_cost": 20.0},
        # 8 on hand and 20 on their way (position 28 >= safety 6), due tomorrow: 8 - 2
        # = 6 left when it comes, not below safety: no need, no rescue
        "B": {"on_hand": 8, "position": 28, "daily": 2.0, "safety": 6, "max": 25,
              "margin": 10.0, "lead_days": 7, "unit_cost": 20.0, "next_receipt_days": 1},
    }
    assert rf.balance(nodes, 4, lambda s, d: 1.5) == []
    # position 4: needs 25 - 4 = 21
    nodes["B"]["position"] = 4
    assert [m[:5] for m in rf.balance(nodes, 4, lambda s, d: 1.5)] == [
        ("A", "B", 21.0, 1.5, "lost sale")]
