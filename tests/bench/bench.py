"""``make bench``: ATS engine figures on the scale database, as ``name: value`` lines.

Usage: bench.py -c CONF -d DB [--products N] [--locations M] [--rebuild]
"""

import argparse
import importlib
import json
import logging
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError

sys.path.insert(0, str(Path(__file__).parent))
import scale  # noqa: E402

RSS_PROBE = """
import json, sys, odoo
from odoo import api, SUPERUSER_ID
odoo.tools.config.parse_config(["-c", sys.argv[1], "--log-level=warn"])
def rss(key):
    for line in open("/proc/self/status"):
        if line.startswith(key):
            return int(line.split()[1]) / 1024
with odoo.modules.registry.Registry(sys.argv[2]).cursor() as cr:
    env = api.Environment(cr, SUPERUSER_ID, {})
    products = env["product.product"].search([("is_storable", "=", True)])
    channel = env["omni.channel"].search([("code", "=", "bench")])
    before = rss("VmRSS:")
    env["omni.ats"].compute(products, channel=channel, detail=False)
    print(json.dumps({"peak": rss("VmHWM:"), "before": before}))
"""


def timed(func, repeat):
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def _native_single_product_ms(env, products, warehouse, rng):
    """Median of 200 ``free_qty`` reads of one product with a warehouse context."""
    singles = []
    for product in rng.sample(list(products), min(200, len(products))):
        env.invalidate_all()
        started = time.perf_counter()
        product.with_context(warehouse_id=warehouse.id).free_qty  # noqa: B018
        singles.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(singles), 3)


def _receipt_seconds(env, products, location):
    """Validate a 500-line receipt (rolled back)."""
    Move = env["stock.move"]
    supplier = env.ref("stock.stock_location_suppliers")
    with env.cr.savepoint(flush=False) as savepoint:
        moves = Move.create([{
            "name": "bench receipt", "product_id": product.id, "product_uom_qty": 2,
            "location_id": supplier.id, "location_dest_id": location.id,
        } for product in products[:500]])
        moves._action_confirm()
        moves._action_assign()
        for move in moves:
            move.quantity = 2
        moves.picked = True
        env.flush_all()
        started = time.perf_counter()
        moves._action_done()
        env.flush_all()
        seconds = time.perf_counter() - started
        savepoint.rollback()
    env.invalidate_all()
    return seconds


def _state_mismatches(env, channel, products, location, seed=21):
    """A seeded run of stock, hold, demand and rule changes between incremental
    refreshes: products whose fast read differs from the live engine (rolled back)."""
    rng = random.Random(seed)
    engine = env["omni.ats"]
    state = env["omni.ats.state"]
    Quant = env["stock.quant"]
    customer = env.ref("stock.stock_location_customers")
    mismatches = 0
    with env.cr.savepoint(flush=False) as savepoint:
        for batch in range(5):
            state._refresh(channel, full=False)
            for step in range(60):
                product = rng.choice(products)
                kind = rng.random()
                if kind < 0.5:
                    Quant._update_available_quantity(
                        product, location, rng.choice([-3, -2, -1, 1, 2, 5, 8]))
                elif kind < 0.75:
                    try:
                        with env.cr.savepoint():
                            env["omni.stock.hold"].reserve(
                                channel, product, 1, f"bench-{seed}-{batch}-{step}",
                                ttl_seconds=600)
                    except UserError:  # nothing left to hold
                        env.invalidate_all()
                elif kind < 0.95:
                    move = env["stock.move"].create({
                        "name": "bench demand", "product_id": product.id,
                        "product_uom_qty": rng.randint(1, 3), "location_id": location.id,
                        "location_dest_id": customer.id})
                    move._action_confirm()
                else:
                    env["omni.channel.safety.rule"].create({
                        "channel_id": channel.id, "product_id": product.id,
                        "safety_qty": rng.randint(1, 3)})
            fast = engine.compute(products, channel=channel, detail=False)
            live = engine.compute(products, channel=channel, detail=False, live=True)
            mismatches += sum(1 for pid, figures in live.items() if fast.get(pid) != figures)
        savepoint.rollback()
    env.invalidate_all()
    return mismatches


def emit(name, value):
    print(f"{name}: {value}", flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--locations", type=int, default=50)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    logging.getLogger("omni_bench").setLevel(logging.INFO)
    sizes = scale.build(args.config, args.database, args.products, args.locations,
                        args.rebuild)
    scale.vacuum(args.database)
    emit("bench_products", sizes["products"])
    emit("bench_locations", sizes["locations"])
    emit("bench_quants", sizes["quants"])

    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        engine = env["omni.ats"]
        channel = env["omni.channel"].search([("code", "=", "bench")])
        products = env["product.product"].search([("is_storable", "=", True)])
        scope = channel._source_locations()

        def catalog(detail, live=False):
            env.invalidate_all()
            return engine.compute(products, channel=channel, detail=detail, live=live)

        # the live engine: one statement over every quant of the sources
        live_seconds = timed(lambda: catalog(False, True), 5)
        emit("ats_catalog_live_seconds", round(live_seconds, 3))
        # every status bucket as well (screens and reports)
        emit("ats_catalog_detail_seconds", round(timed(lambda: catalog(True), 5), 3))
        # the maintained state: a full refresh, then the fast path with a fresh state
        state = env["omni.ats.state"]
        emit("ats_state_refresh_seconds", round(timed(lambda: state._refresh(channel), 3), 3))
        # what a channel promises: ATS, incoming, in transit, safety, holds
        ats_seconds = timed(lambda: catalog(False), 5)
        emit("ats_catalog_seconds", round(ats_seconds, 3))

        def native():
            env.invalidate_all()
            env["product.product"].with_context(location=scope.ids).browse(
                products.ids).mapped("free_qty")

        native_seconds = timed(native, 3)
        emit("native_free_qty_seconds", round(native_seconds, 3))
        emit("ats_vs_native_ratio", round(native_seconds / ats_seconds, 1))

        rng = random.Random(42)
        single_ms = scale.single_product_ms(engine, channel, products, rng)
        emit("ats_single_product_ms", single_ms)
        emit("ats_single_product_live_ms", scale.single_product_ms(
            engine, channel, products, random.Random(42), live=True))
        warehouse = channel.warehouse_ids[:1]
        native_single = _native_single_product_ms(env, products, warehouse, random.Random(42))
        emit("native_single_product_ms", native_single)
        emit("ats_single_vs_native_ratio", round(native_single / single_ms, 1))

        # the writers' cost: the feed's triggers fire with or without a state; the
        # state itself adds nothing to a write (its cost is the refresh, off the request)
        location = warehouse.lot_stock_id
        _receipt_seconds(env, products, location)  # warm up
        with_state, without_state = [], []
        for _run in range(4):  # interleaved, fastest of each
            state._refresh(channel)
            with_state.append(_receipt_seconds(env, products, location))
            env.cr.execute("DELETE FROM omni_ats_state_channel WHERE channel_id = %s",
                           [channel.id])
            env.cr.execute("DELETE FROM omni_ats_state WHERE channel_id = %s", [channel.id])
            without_state.append(_receipt_seconds(env, products, location))
        emit("ats_state_update_overhead_ratio", round(min(with_state) / min(without_state), 2))
        state._refresh(channel)
        emit("ats_state_mismatches", _state_mismatches(env, channel, products, location))

        # sanity: with no channel rules, over sellable locations only, ATS is Odoo's
        # free quantity (sellable on hand minus reserved)
        sellable = scope.filtered(lambda loc: loc.omni_status == "sellable")
        sample = products.browse(rng.sample(products.ids, min(1000, len(products))))
        ours = engine.compute(sample, locations=sellable)
        env.invalidate_all()
        theirs = sample.with_context(location=sellable.ids).mapped("free_qty")
        emit("ats_matches_native_free_qty_when_no_rules",
             int(round(sum(f["ats"] for f in ours.values()), 3) == round(sum(theirs), 3)))
        cr.rollback()

    # the same figures on a catalog five times larger: one product must not cost more
    big_db = f"{args.database}_x5"
    big = scale.build(args.config, big_db, args.products * 5, args.locations, args.rebuild)
    scale.vacuum(big_db)
    emit("bench_products_50k", big["products"])
    with odoo.modules.registry.Registry(big_db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        channel = env["omni.channel"].search([("code", "=", "bench")])
        products = env["product.product"].search([("is_storable", "=", True)])

        env["omni.ats.state"]._refresh(channel)

        def big_catalog():
            env.invalidate_all()
            return env["omni.ats"].compute(products, channel=channel, detail=False)

        big_seconds = timed(big_catalog, 3)
        emit("ats_catalog_seconds_50k", round(big_seconds, 3))
        emit("ats_catalog_growth_50k", round(big_seconds / ats_seconds, 2))
        big_single = scale.single_product_ms(env["omni.ats"], channel, products, random.Random(42))
        emit("ats_single_product_ms_50k", big_single)
        emit("ats_single_product_growth_50k", round(big_single / single_ms, 2))
        cr.rollback()

    probe = subprocess.run([sys.executable, "-c", RSS_PROBE, args.config, args.database],
                           capture_output=True, text=True, check=True)
    rss = json.loads(probe.stdout.strip().splitlines()[-1])
    emit("ats_peak_rss_mb", round(rss["peak"], 1))
    emit("ats_rss_growth_mb", round(rss["peak"] - rss["before"], 1))

    # every tests/bench/bench_<topic>.py with a run(conf, db) -> {name: value}
    for path in sorted(Path(__file__).parent.glob("bench_*.py")):
        module = importlib.import_module(path.stem)
        for name, value in module.run(args.config, args.database).items():
            emit(name, value)
    return 0


if __name__ == "__main__":
    sys.exit(main())
