"""Plain pytest for the routing cost model (no database): a two-node network whose
every figure is computed by hand in the comments."""

import importlib.util
import math
import pathlib

import pytest

_TOOLS = pathlib.Path(__file__).parents[1] / "addons/omni_stock_routing/tools"
_spec = importlib.util.spec_from_file_location("routing_cost", _TOOLS / "routing_cost.py")
rc = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rc)

RATES = (
    rc.Rate("Local", 50, 4.50, 0.50, 1),
    rc.Rate("National", 1000, 6.90, 0.80, 2),
)
PARAMS = rc.Params(rates=RATES, split_penalty=3.0, failure_penalty=25.0)


def lyon(**kw):
    values = {"node_id": 1, "name": "Lyon", "distance_km": 12, "stock": {1: 5, 2: 1},
              "accuracy": 0.96, "minutes_per_order": 2, "minutes_per_line": 4,
              "labour_rate": 30, "capacity_orders": 27, "capacity_total": 40}
    values.update(kw)
    return rc.NodeOffer(**values)


def central(**kw):
    values = {"node_id": 2, "name": "Central", "distance_km": 400, "stock": {1: 100, 2: 100},
              "accuracy": 0.99, "minutes_per_order": 1, "minutes_per_line": 2,
              "labour_rate": 24}
    values.update(kw)
    return rc.NodeOffer(**values)


def test_one_line_costs_by_component():
    plans = rc.rank([lyon(), central()], [rc.Line(1, 2)], PARAMS)
    assert [p.node_ids for p in plans] == [(1,), (2,)]
    # Lyon: shipping 4.50 + 0.50 x 1 = 5.00; labour (2 + 4) min x 30/h = 3.00;
    # risk (1 - 0.96) x 25 = 1.00; total 9.00
    assert plans[0].components() == pytest.approx(
        {"shipping": 5.0, "labour": 3.0, "split": 0.0, "risk": 1.0, "ageing": 0.0,
         "total": 9.0})
    # Central: 6.90 + 0.80 = 7.70; (1 + 2) min x 24/h = 1.20; 0.01 x 25 = 0.25; 9.15
    assert plans[1].components() == pytest.approx(
        {"shipping": 7.7, "labour": 1.2, "split": 0.0, "risk": 0.25, "ageing": 0.0,
         "total": 9.15})
    assert (plans[0].days, plans[1].days) == (1, 2)
    assert rc.reason(plans) == (
        "Lyon: in stock, 12 km, capacity 14/40 today; Central: 2 days, +EUR 0.15")


def test_ageing_stock_makes_the_farther_node_cheaper():
    params = rc.Params(rates=RATES, ageing_bonus=0.05, ageing_days=60)
    plans = rc.rank([lyon(), central(age_days={1: 90})], [rc.Line(1, 2)], params)
    # Central: 9.15 - 0.05 x 2 units x (90 - 60) days = 6.15, below Lyon's 9.00
    assert plans[0].node_ids == (2,)
    assert plans[0].ageing == pytest.approx(3.0)
    assert plans[0].total == pytest.approx(6.15)
    assert rc.reason(plans) == (
        "Central: in stock, 400 km, ageing stock -3.00; Lyon: 1 days, +EUR 2.85")


def test_a_split_costs_its_penalty_and_a_second_shipment():
    lines = [rc.Line(1, 1), rc.Line(2, 2)]
    # Lyon has 1 of product 2: it cannot ship the order alone; Central alone:
    # 6.90 + 0.80 x 2 = 8.50; (1 + 2 x 2) x 0.4 = 2.00; 2 x 0.25; 11.00. Within {Lyon,
    # Central}, product 1 costs less at Central too (labour 0.80 + risk 0.25 + 0.80 per unit
    # < 2.00 + 1.00 + 0.50): that split is Central alone, listed once.
    plans = rc.rank([lyon(), central()], lines, PARAMS)
    assert [(p.node_ids, round(p.total, 2)) for p in plans] == [((2,), 11.0)]
    # Central without product 1: the split is forced. Lyon (p1): 4.50 + 3.00 + 1.00 = 8.50;
    # Central (p2 x 2): 7.70 + 1.20 + 0.25 = 9.15; split penalty 3.00: 20.65
    plans = rc.rank([lyon(), central(stock={2: 100})], lines, PARAMS)
    assert [(p.node_ids, round(p.total, 2)) for p in plans] == [((1, 2), 20.65)]
    assert (plans[0].splits, plans[0].split) == (1, 3.0)
    assert plans[0].assignment() == {1: 1, 2: 2}


def test_max_splits_bounds_the_plans():
    lines = [rc.Line(1, 1), rc.Line(2, 2)]
    params = rc.Params(rates=RATES, max_splits=0)
    assert [p.node_ids for p in rc.rank([lyon(), central()], lines, params)] == [(2,)]
    # with no single node able to serve it, no plan at all
    assert rc.rank([lyon(), central(stock={2: 100})], lines, params) == []
    assert len(rc.rank([lyon(), central(stock={2: 100})], lines, PARAMS)) == 1


def test_hard_limits_capacity_and_exclusions():
    line = [rc.Line(1, 2)]
    assert [p.node_ids for p in rc.rank([lyon(capacity_orders=0), central()], line,
                                        PARAMS)] == [(2,)]
    assert [p.node_ids for p in rc.rank([lyon(capacity_units=1), central()], line,
                                        PARAMS)] == [(2,)]
    assert [p.node_ids for p in rc.rank([lyon(excluded=frozenset({1})), central()], line,
                                        PARAMS)] == [(2,)]
    assert rc.rank([lyon(stock={1: 1})], line, PARAMS) == []


def test_handling_days_and_fallback_rate():
    # past the cut-off Lyon ships tomorrow: 1 handling + 1 transit day
    plans = rc.rank([lyon(handling_days=1)], [rc.Line(1, 1)], PARAMS)
    assert plans[0].days == 2
    # beyond every zone: 5.00 + 0.02 x 2000 km = 45.00, the fallback's 3 days
    far = central(distance_km=2000)
    assert rc.shipping(far, 1, PARAMS) == (pytest.approx(45.0), "", 3)


def test_haversine_paris_lyon():
    assert rc.haversine_km(48.8566, 2.3522, 45.7640, 4.8357) == pytest.approx(392, abs=2)
    assert rc.haversine_km(45.0, 5.0, 45.0, 5.0) == 0
    assert math.isfinite(rc.haversine_km(90, 0, -90, 0))
