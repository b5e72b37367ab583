"""Forecast and anomalies: accuracy against seasonal naive, exact parts, a whole run's
time, and anomaly precision and recall on injected cases.

``run(conf, db)`` returns ``{name: value}``. It works on a database of its own,
``<db>_forecast`` (built once, rebuilt when the sizes change; ``omni_stock_forecast``
updated when its source changes): the scale catalog's N products (``omni_bench.sizes``
of ``db``) in 10 product categories, sold from 10 stores, so N x 10 series (100,000 at
the full size of 10,000 products). A seeded synthetic history of 117 weeks (104 weeks
of history before the run's first week, then 13 weeks held out) is written as done
deliveries (one move per series and week; every series sells at least once in its
history): 70 % regular items (level, yearly season
of random strength and peak, slight trend, Poisson noise), 20 % intermittent ones
(demand in 5-30 % of the weeks), one product in ten on promotion (two 2-week periods in
the history, one in the held-out weeks, +80 %, as promotion periods), and 5 % of the
regular series sold out for 3 weeks in the history (receipts rebuild their stock).

- ``forecast_series``: series forecast.
- ``forecast_run_seconds_100k`` (at 100,000 series; ``forecast_run_seconds`` at other
  sizes): one run from start to done: the batches (1,000 series each) as queue jobs
  enqueued, then taken by 2 worker processes (the batch row lock decides who does
  which; each batch commits on its own), then the run's closing step.
- ``forecast_wape_vs_seasonal_naive_ratio``: Σ|forecast - actual| / Σ|seasonal naive -
  actual| over the held-out weeks (goal <= 0.90); ``forecast_wape`` and
  ``seasonal_naive_wape`` beside it.
- ``forecast_parts_sum_error``: largest |Σ parts - figure| over the run's lines (goal 0).
- ``anomaly_precision_at_20`` / ``anomaly_recall``: in a rolled-back transaction, normal
  activity of 20 users, 300 customers and 10 stores, and 16 injected anomalies (shrink
  spikes, adjustments repeated just under the threshold, adjustments far from their
  user's own, serial and duplicate returners, transfer loops, outsized round
  transfers); the share of injected ones among the 20 highest scored alerts (goal >=
  0.8), and the share of injected ones raised (goal >= 0.9).
"""

import datetime
import multiprocessing
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.tools import SQL

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402

PARAM = "omni_bench.forecast"
VERSION = "2"
STORES = 10
CATEGORIES = 10
HISTORY, HOLDOUT = 104, 13
WEEKS = HISTORY + HOLDOUT
SEED = 26
WORKERS = 2


def this_monday():
    today = datetime.date.today()
    return today - datetime.timedelta(days=today.weekday())


def week_start(index):
    """Monday of history week ``index`` (0: the oldest)."""
    return this_monday() - datetime.timedelta(weeks=WEEKS - index)


def origin():
    return week_start(HISTORY)


# ---------------------------------------------------------------------------
# the database
# ---------------------------------------------------------------------------
def _products_of(conf, db):
    with odoo.modules.registry.Registry(db).cursor() as cr:
        sizes = api.Environment(cr, SUPERUSER_ID, {})["ir.config_parameter"].get_param(
            scale.PARAM) or "10000x50"
    return int(sizes.split("x")[0])


def build(conf, db, n_products):
    wanted = f"{n_products}:{VERSION}"
    if scale._db_exists(conf, db):
        with odoo.modules.registry.Registry(db).cursor() as cr:
            current = api.Environment(cr, SUPERUSER_ID, {})["ir.config_parameter"].get_param(
                PARAM)
        if current == wanted:
            scale.ensure_installed(conf, db, "omni_stock_job")
            scale.ensure_installed(conf, db, "omni_stock_forecast")
            return
        odoo.modules.registry.Registry.delete(db)
        scale._drop(conf, db)
    started = time.monotonic()
    subprocess.check_call(
        [sys.executable, "-m", "odoo", "-c", conf, "-d", db, "-i", "omni_stock_forecast",
         "--stop-after-init", "--without-demo=all", "--log-level=warn"],
        stdout=subprocess.DEVNULL)
    for module in ("omni_stock_job", "omni_stock_forecast"):  # records their source digest
        scale.ensure_installed(conf, db, module)
    with odoo.modules.registry.Registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        _generate(env, n_products)
        env["ir.config_parameter"].set_param(PARAM, wanted)
        cr.commit()
        cr.execute("ANALYZE")
    scale._logger.warning("forecast database %s built in %.0f s", db,
                          time.monotonic() - started)


def _generate(env, n_products):
    company = env.company
    categories = env["product.category"].create(
        [{"name": f"Bench forecast category {i}"} for i in range(CATEGORIES)])
    for start in range(0, n_products, 1000):
        env["product.product"].create([
            {"name": f"Forecast product {i:06d}", "default_code": f"FC-{i:06d}",
             "type": "consu", "is_storable": True, "categ_id": categories[i % CATEGORIES].id}
            for i in range(start, min(start + 1000, n_products))])
        env.invalidate_all()
    stores = env["stock.warehouse"].create([
        {"name": f"Bench store {i:02d}", "code": f"BS{i:02d}", "company_id": company.id}
        for i in range(STORES)])
    env.flush_all()
    products = env["product.product"].search([("default_code", "=like", "FC-%")], order="id")
    rng = np.random.default_rng(SEED)
    promo_products = products.filtered(lambda p: p.id % 10 == 3)
    for name, first in (("Spring sale", 30), ("Autumn sale", 80), ("Next sale", HISTORY + 4)):
        env["omni.stock.promotion"].create({
            "name": f"Bench {name}", "date_from": week_start(first),
            "date_to": week_start(first) + datetime.timedelta(days=13),
            "product_ids": [Command.set(promo_products.ids)]})
    promo_weeks = np.zeros(WEEKS, dtype=bool)
    for first in (30, 80, HISTORY + 4):
        promo_weeks[first:first + 2] = True
    customers = env.ref("stock.stock_location_customers").id
    suppliers = env.ref("stock.stock_location_suppliers").id
    uom = env.ref("uom.product_uom_unit").id
    weeks = np.arange(WEEKS)
    for chunk in range(0, len(products), 500):
        ids = np.array(products.ids[chunk:chunk + 500])
        for store in stores:
            demand, stock, receipts = _series(rng, ids, weeks, promo_weeks)
            _insert(env, ids, store, demand, stock, receipts, customers, suppliers, uom)
        env.cr.commit()


def _series(rng, ids, weeks, promo_weeks):
    """Weekly demand (n, WEEKS) as integers; current stock; receipts (n, WEEKS)."""
    n = len(ids)
    kind = rng.random(n)
    regular = kind < 0.7
    intermittent = (kind >= 0.7) & (kind < 0.9)
    level = np.exp(rng.normal(1.5, 0.8, n))
    amplitude = rng.uniform(0.0, 0.6, n) * level
    peak = rng.integers(0, 52, n)
    trend = rng.normal(0.0, 0.002, n) * level
    mean = (level[:, None] + amplitude[:, None] * np.cos(
        2 * np.pi * (weeks[None, :] - peak[:, None]) / 52) + trend[:, None] * weeks[None, :])
    mean = np.maximum(mean, 0.05)
    probability = rng.uniform(0.05, 0.3, n)
    size = 1 + rng.poisson(1.0, n)
    mean = np.where(intermittent[:, None], probability[:, None] * size[:, None], mean)
    on_promo = (ids % 10 == 3)[:, None] & promo_weeks[None, :]
    mean = np.where(on_promo, mean * 1.8, mean)
    demand = rng.poisson(mean)
    sparse = intermittent[:, None] & (rng.random((n, WEEKS)) > probability[:, None])
    demand = np.where(sparse, 0, np.where(intermittent[:, None], size[:, None] * (
        demand > 0), demand))
    # every item of a store's assortment sold at least once in the history
    never = demand[:, :HISTORY].sum(axis=1) == 0
    demand[never, rng.integers(0, HISTORY, int(never.sum()))] = 1
    # sold out for three weeks: no sale; receipts rebuild the stock afterwards
    sold_out = regular & (rng.random(n) < 0.05)
    start = rng.integers(40, 90, n)
    receipts = np.zeros((n, WEEKS), dtype=np.int64)
    stock = np.full(n, 1_000_000, dtype=np.int64)
    for i in np.flatnonzero(sold_out):
        s = start[i]
        demand[i, s:s + 3] = 0
        receipts[i, s + 3] = demand[i, s + 3:].sum()
        stock[i] = 0
    return demand, stock, receipts


def _insert(env, ids, store, demand, stock, receipts, customers, suppliers, uom):
    cr = env.cr
    location = store.lot_stock_id.id
    company = store.company_id.id
    rows_p, rows_q, rows_d, rows_src, rows_dst = [], [], [], [], []
    for matrix, src, dst, day, hour in (
        (demand, location, customers, 2, 12),  # sold on Wednesdays
        (receipts, suppliers, location, 0, 8),  # received on Monday mornings
    ):
        i, w = np.nonzero(matrix)
        rows_p.append(ids[i])
        rows_q.append(matrix[i, w])
        rows_d.append([datetime.datetime.combine(week_start(x) + datetime.timedelta(days=day),
                                                 datetime.time(hour)) for x in w.tolist()])
        rows_src.append(np.full(len(i), src))
        rows_dst.append(np.full(len(i), dst))
    cr.execute(SQL(
        """
        INSERT INTO stock_move (name, company_id, product_id, product_uom_qty, product_qty,
                                quantity, product_uom, location_id, location_dest_id,
                                procure_method, state, date, create_uid, write_uid,
                                create_date, write_date)
        SELECT 'bench history', %(company)s, v.product_id, v.qty, v.qty, v.qty, %(uom)s,
               v.src, v.dst, 'make_to_stock', 'done', v.date, 1, 1, v.date, v.date
          FROM unnest(%(products)s::int[], %(qty)s::float8[], %(src)s::int[], %(dst)s::int[],
                      %(dates)s::timestamp[]) AS v(product_id, qty, src, dst, date)
        """,
        company=company, uom=uom,
        products=np.concatenate(rows_p).tolist(), qty=np.concatenate(rows_q).tolist(),
        src=np.concatenate(rows_src).tolist(), dst=np.concatenate(rows_dst).tolist(),
        dates=[d for part in rows_d for d in part],
    ))
    cr.execute(SQL(
        """
        INSERT INTO stock_quant (product_id, location_id, company_id, quantity,
                                 reserved_quantity, in_date, create_uid, write_uid,
                                 create_date, write_date)
        SELECT v.product_id, %(location)s, %(company)s, v.qty, 0, now(), 1, 1, now(), now()
          FROM unnest(%(products)s::int[], %(qty)s::float8[]) AS v(product_id, qty)
        """,
        location=location, company=company, products=ids.tolist(), qty=stock.tolist(),
    ))


# ---------------------------------------------------------------------------
# the forecast run
# ---------------------------------------------------------------------------
def _worker(conf, db, run_id):
    odoo.tools.config.parse_config(["-c", conf, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        cr.execute("SELECT id FROM omni_stock_job_batch WHERE run_model ="
                   " 'omni.stock.forecast.run' AND run_id = %s AND state = 'pending'"
                   " ORDER BY sequence", [run_id])
        batch_ids = [row[0] for row in cr.fetchall()]
    for batch_id in batch_ids:
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["omni.stock.job.batch"].browse(batch_id)._omni_job_run()
            cr.commit()


def _forecast_figures(conf, db):
    from odoo.addons.omni_stock_job.tests.common import trap_jobs  # noqa: PLC0415

    with odoo.modules.registry.Registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env["ir.config_parameter"].set_param("omni_stock_forecast.batch_size", 1000)
        env["omni.stock.forecast.line"].search([]).unlink()
        run = env["omni.stock.forecast.run"].create(
            {"origin": origin(), "history_weeks": HISTORY})
        cr.commit()
        started = time.perf_counter()
        # the jobs' records are not stored here: the two workers below take the batches
        with trap_jobs():
            run.action_start()
        cr.commit()
        run_id = run.id
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_worker, args=(conf, db, run_id)) for _i in range(WORKERS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    with odoo.modules.registry.Registry(db).cursor() as cr:
        # what the run's "close when done" job does (no job runner here)
        env = api.Environment(cr, SUPERUSER_ID, {})
        env["omni.stock.forecast.run"].browse(run_id)._omni_job_close_if_done()
        env["queue.job"].search([("state", "=", "pending")]).unlink()
        cr.commit()
    seconds = time.perf_counter() - started
    with odoo.modules.registry.Registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        run = env["omni.stock.forecast.run"].browse(run_id)
        assert run.state == "done", run.state
        series = run.series_count
        end = origin() + datetime.timedelta(weeks=HOLDOUT)
        cr.execute(SQL(
            """
            WITH actual AS (
                SELECT m.product_id, src.warehouse_id, date_trunc('week', m.date)::date AS week,
                       SUM(m.product_qty) AS qty
                  FROM stock_move m
                  JOIN stock_location src ON src.id = m.location_id
                  JOIN stock_location dst ON dst.id = m.location_dest_id
                 WHERE m.state = 'done' AND dst.usage = 'customer'
                   AND m.date >= %(origin)s AND m.date < %(end)s
                 GROUP BY 1, 2, 3
            )
            SELECT SUM(ABS(l.figure - COALESCE(a.qty, 0))),
                   SUM(ABS(l.naive_qty - COALESCE(a.qty, 0))), SUM(COALESCE(a.qty, 0))
              FROM omni_stock_forecast_line l
              LEFT JOIN actual a ON a.product_id = l.product_id
                                AND a.warehouse_id = l.warehouse_id AND a.week = l.week_start
             WHERE l.run_id = %(run)s
            """,
            origin=origin(), end=end, run=run_id,
        ))
        error, naive_error, actual = cr.fetchone()
        parts_error = env["omni.stock.forecast.line"]._parts_sum_error(
            [("run_id", "=", run_id)])
        methods = run.method_summary
    name = "forecast_run_seconds_100k" if series >= 100_000 else "forecast_run_seconds"
    return {
        "forecast_series": series,
        name: round(seconds, 1),
        "forecast_methods": f'"{methods}"',
        "forecast_wape": round(float(error) / float(actual), 3),
        "seasonal_naive_wape": round(float(naive_error) / float(actual), 3),
        "forecast_wape_vs_seasonal_naive_ratio": round(float(error) / float(naive_error), 3),
        "forecast_parts_sum_error": parts_error,
    }


# ---------------------------------------------------------------------------
# anomalies
# ---------------------------------------------------------------------------
def _anomaly_figures(conf, db):
    with odoo.modules.registry.Registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        injected = _inject(env, np.random.default_rng(SEED))
        env.flush_all()
        alerts = env["omni.stock.alert"].scan(kinds=[
            "shrink_anomaly", "suspicious_adjustment", "return_anomaly", "transfer_anomaly"])
        top = alerts.sorted(lambda a: -a.score)[:20]
        hits = [_match(alert, injected) for alert in top]
        found = set().union(*(_match(alert, injected) for alert in alerts))
        cr.rollback()
    return {
        "anomaly_alerts": len(alerts),
        "anomaly_injected": len(injected),
        "anomaly_precision_at_20": round(sum(1 for h in hits if h) / max(len(top), 1), 3),
        "anomaly_recall": round(len(found) / len(injected), 3),
    }


def _match(alert, injected):
    """The injected anomalies an alert points at: through its record or its evidence
    (a shrink spike raised by an injected write-off points at that write-off)."""
    refs = {(alert.res_model, alert.res_id)} | {
        (evidence.res_model, evidence.res_id) for evidence in alert.evidence_ids}
    return {name for name, records in injected.items() if refs & records}


def _inject(env, rng):
    """Normal activity and injected anomalies, written directly (set up, not measured)."""
    now = datetime.datetime.now().replace(microsecond=0) - datetime.timedelta(hours=1)
    company = env.company
    company.write({"omni_adj_threshold_qty": 10, "omni_adj_threshold_value": 0,
                   "omni_adj_window_hours": 0})
    for rule in env["omni.stock.alert.rule"].search([]):
        rule.write({"work_hour_from": 0, "work_hour_to": 24})
    stores = env["stock.warehouse"].search([("code", "=like", "BS%")], order="id")
    products = env["product.product"].search([("default_code", "=like", "FC-%")],
                                             order="id", limit=200)
    users = env["res.users"].create([
        {"name": f"Bench clerk {i}", "login": f"bench_clerk_{i}",
         "groups_id": [Command.set([env.ref("stock.group_stock_user").id])]}
        for i in range(20)])
    partners = env["res.partner"].create([{"name": f"Bench customer {i}"} for i in range(300)])
    env.flush_all()
    injected = {}  # name: {(model, id)} of the records an alert about it would show
    logs = []  # (date, user, location, product, delta, value)

    def product():
        return products[int(rng.integers(len(products)))]

    # normal adjustments: 13 weeks, every user a few a week at their store, small
    for week in range(13, -1, -1):
        for index, user in enumerate(users):
            store = stores[index % len(stores)]
            for _i in range(int(rng.integers(1, 4))):
                qty = int(rng.integers(1, 4))
                when = now - datetime.timedelta(weeks=week, days=float(rng.uniform(0, 6)))
                logs.append((when, user.id, store.lot_stock_id.id, product().id, -qty,
                             qty * 10.0))
    _insert_logs(env, logs)
    # shrink spikes: 25 units of one category in a store this week
    spike = products.filtered(lambda p: p.categ_id == products[0].categ_id)[:5]
    for store in stores[:3]:
        ids = _insert_logs(env, [(now - datetime.timedelta(days=1), users[0].id,
                                  store.lot_stock_id.id, p.id, -5, 50.0) for p in spike])
        injected[f"shrink {store.code}"] = {("omni.stock.adjustment.log", i) for i in ids}
    # just under the threshold (10): 4 times 9 units this week
    for user in users[3:6]:
        store = stores[users.ids.index(user.id) % len(stores)]
        ids = _insert_logs(env, [(now - datetime.timedelta(days=day), user.id,
                                  store.lot_stock_id.id, product().id, -9, 90.0)
                                 for day in range(4)])
        injected[f"under {user.login}"] = {("res.users", user.id)} | {
            ("omni.stock.adjustment.log", i) for i in ids}
    # far from the user's own: one huge adjustment each for two users
    for user in users[8:10]:
        store = stores[users.ids.index(user.id) % len(stores)]
        (log_id,) = _insert_logs(env, [(now, user.id, store.lot_stock_id.id, product().id,
                                        -60, 600.0)])
        injected[f"big adjustment {user.login}"] = {("omni.stock.adjustment.log", log_id)}
    # returns: most customers return 0-2 things in 90 days
    moves = []  # (date, product, src, dst, qty, partner)
    customers = env.ref("stock.stock_location_customers").id
    for partner in partners:
        for _i in range(int(rng.integers(0, 3))):
            store = stores[int(rng.integers(len(stores)))]
            p = product()
            when = now - datetime.timedelta(days=float(rng.uniform(0, 85)))
            moves.append((when - datetime.timedelta(days=5), p.id, store.lot_stock_id.id,
                          customers, 1, partner.id))
            moves.append((when, p.id, customers, store.lot_stock_id.id, 1, partner.id))
    for partner in partners[:3]:  # serial returners: 8 returns, the last this week
        store = stores[3 + partners.ids.index(partner.id)]
        for day in range(8):
            p = product()
            moves.append((now - datetime.timedelta(days=10 * day + 12), p.id,
                          store.lot_stock_id.id, customers, 1, partner.id))
            moves.append((now - datetime.timedelta(days=10 * day + 1), p.id, customers,
                          store.lot_stock_id.id, 1, partner.id))
        injected[f"serial returner {partner.id}"] = {("res.partner", partner.id)}
    duplicate = partners[5]  # returns what was never delivered to them
    moves.append((now, products[7].id, customers, stores[7].lot_stock_id.id, 1, duplicate.id))
    injected["duplicate returner"] = {("res.partner", duplicate.id)}
    # transfers between stores: about 8 units each, for 60 days
    for day in range(60):
        a, b = stores[day % 5], stores[5 + day % 5]
        moves.append((now - datetime.timedelta(days=day, hours=2), product().id,
                      a.lot_stock_id.id, b.lot_stock_id.id, int(rng.integers(6, 11)), None))
    _insert_moves(env, moves)
    # loops and outsized round transfers, this week
    for pair in ((0, 5), (1, 6)):
        a, b = stores[pair[0]].lot_stock_id.id, stores[pair[1]].lot_stock_id.id
        p = product().id
        _insert_moves(env, [(now - datetime.timedelta(days=2), p, a, b, 7, None)])
        (back,) = _insert_moves(env, [(now - datetime.timedelta(days=1), p, b, a, 7, None)])
        injected[f"loop {pair}"] = {("stock.move", back)}
    for pair in ((2, 7), (3, 8)):
        (big,) = _insert_moves(env, [(now, product().id, stores[pair[0]].lot_stock_id.id,
                                      stores[pair[1]].lot_stock_id.id, 200, None)])
        injected[f"big transfer {pair}"] = {("stock.move", big)}
    env.invalidate_all()
    return injected


def _insert_logs(env, logs):
    env.cr.execute(SQL(
        """
        INSERT INTO omni_stock_adjustment_log
               (date, event, company_id, requester_id, location_id, product_id,
                quantity_delta, value, reason_category, source, create_uid, write_uid,
                create_date, write_date)
        SELECT v.date, 'applied', %(company)s, v.user_id, v.location_id, v.product_id,
               v.delta, v.value, 'damage', 'count', 1, 1, v.date, v.date
          FROM unnest(%(dates)s::timestamp[], %(users)s::int[], %(locations)s::int[],
                      %(products)s::int[], %(deltas)s::float8[], %(values)s::float8[])
               AS v(date, user_id, location_id, product_id, delta, value)
        RETURNING id
        """,
        company=env.company.id, dates=[row[0] for row in logs], users=[row[1] for row in logs],
        locations=[row[2] for row in logs], products=[row[3] for row in logs],
        deltas=[row[4] for row in logs], values=[row[5] for row in logs],
    ))
    return [row[0] for row in env.cr.fetchall()]


def _insert_moves(env, moves):
    env.cr.execute(SQL(
        """
        INSERT INTO stock_move (name, company_id, product_id, product_uom_qty, product_qty,
                                quantity, product_uom, location_id, location_dest_id,
                                procure_method, state, date, partner_id, create_uid, write_uid,
                                create_date, write_date)
        SELECT 'bench anomaly', %(company)s, v.product_id, v.qty, v.qty, v.qty, %(uom)s,
               v.src, v.dst, 'make_to_stock', 'done', v.date, v.partner_id, 1, 1, v.date,
               v.date
          FROM unnest(%(dates)s::timestamp[], %(products)s::int[], %(src)s::int[],
                      %(dst)s::int[], %(qty)s::float8[], %(partners)s::int[])
               AS v(date, product_id, src, dst, qty, partner_id)
        RETURNING id
        """,
        company=env.company.id, uom=env.ref("uom.product_uom_unit").id,
        dates=[m[0] for m in moves], products=[m[1] for m in moves], src=[m[2] for m in moves],
        dst=[m[3] for m in moves], qty=[m[4] for m in moves], partners=[m[5] for m in moves],
    ))
    return [row[0] for row in env.cr.fetchall()]


def run(conf, db):
    forecast_db = f"{db}_forecast"
    build(conf, forecast_db, _products_of(conf, db))
    figures = _forecast_figures(conf, forecast_db)
    figures.update(_anomaly_figures(conf, forecast_db))
    return figures


if __name__ == "__main__":
    scale.run_alone(run, __doc__)
