"""Benchmark of the ATS engine (``omni.ats``) against Odoo's own ``free_qty``.

``python3 tests/bench/run_bench.py -c CONF -d DB [--products N --locations M --rebuild]``

Builds the scale database with :mod:`generate` when needed, then prints only
``name: value`` lines (and ``#`` comments) on stdout; logs go to stderr.
See README.md next to this file for what each figure means.
"""

import argparse
import importlib
import inspect
import json
import logging
import os
import random
import resource
import statistics
import subprocess
import sys
import time

import odoo

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402

_logger = logging.getLogger("omni_bench.run")

CATALOG_RUNS = 5
NATIVE_RUNS = 3
SINGLE_CALLS = 200
SAMPLE_SIZE = 1000
SEED = 42
GOAL_SECONDS = 1.0
GOAL_RATIO = 10.0


def open_env(conf, db_name):
    """(registry cursor, superuser env): the caller closes the cursor."""
    generate.configure(conf)
    registry = odoo.modules.registry.Registry(db_name)
    cr = registry.cursor()
    return cr, odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})


def channel(env, code):
    found = env["omni.channel"].search([("code", "=", code)], limit=1)
    if not found:
        raise SystemExit(f"no channel {code!r} in the bench database: run with --rebuild")
    return found


def catalog(env):
    return env["product.product"].search([], order="id")


def timed(func, runs, before=None):
    """Median wall time in seconds of ``runs`` calls of ``func``."""
    times = []
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def rss_probe(conf, db_name):
    """Child mode: compute the catalog ATS once; print RSS figures as JSON."""
    cr, env = open_env(conf, db_name)
    try:
        products, bench = catalog(env), channel(env, generate.CHANNEL_CODE)
        bench._source_locations()
        baseline = reset_peak_rss()
        result = env["omni.ats"].compute(products, channel=bench)
        peak = peak_rss()
        if len(result) != len(products):
            raise SystemExit(f"ATS returned {len(result)} rows for {len(products)} products")
    finally:
        cr.rollback()
        cr.close()
    return {"peak": peak, "delta": peak - baseline}


def _proc_status_mb(key):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(key):
                return int(line.split()[1]) / 1024
    raise KeyError(key)


def reset_peak_rss():
    """Reset the peak RSS to the current RSS (Linux); return the current RSS in MB.

    Without it the peak would be the one of loading the registry, not of the
    computation.
    """
    try:
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
        return _proc_status_mb("VmRSS:")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_rss():
    """Peak RSS in MB since the last reset."""
    try:
        return _proc_status_mb("VmHWM:")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_rss(conf, db_name):
    cmd = [sys.executable, os.path.abspath(__file__), "--rss-probe", "-c", conf, "-d", db_name]
    done = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_engine(env, sizes):
    figures = {}
    ats = env["omni.ats"]
    products = catalog(env)
    bench = channel(env, generate.CHANNEL_CODE)
    scope = bench._source_locations()
    ids = products.ids
    env.cr.execute("SELECT count(*) FROM stock_quant WHERE location_id = ANY(%s)", [scope.ids])
    figures["bench_products"] = len(ids)
    figures["bench_locations"] = sizes.get("locations")
    figures["bench_quants"] = env.cr.fetchone()[0]
    figures["bench_scope_locations"] = len(scope)

    result = ats.compute(products, channel=bench)  # warm-up (plans, caches)
    if len(result) != len(ids):
        raise SystemExit(f"ATS returned {len(result)} rows for {len(ids)} products")
    _logger.info("catalog ATS: %d runs", CATALOG_RUNS)
    catalog_seconds = timed(lambda: ats.compute(products, channel=bench), CATALOG_RUNS,
                            env.invalidate_all)
    figures["ats_catalog_seconds"] = round(catalog_seconds, 4)

    lean = "detail" in inspect.signature(ats.compute).parameters
    if lean:  # the pool-only mode of the engine, when it has one
        lean_seconds = timed(lambda: ats.compute(products, channel=bench, detail=False),
                             CATALOG_RUNS, env.invalidate_all)

    def native():
        native_products = env["product.product"].with_context(location=scope.ids)
        return native_products.browse(ids).mapped("free_qty")

    _logger.info("native free_qty: %d runs", NATIVE_RUNS)
    native_seconds = timed(native, NATIVE_RUNS, env.invalidate_all)
    figures["native_free_qty_seconds"] = round(native_seconds, 4)
    figures["ats_vs_native_ratio"] = round(native_seconds / catalog_seconds, 1)
    if lean:
        figures["ats_catalog_lean_seconds"] = round(lean_seconds, 4)
        figures["ats_lean_vs_native_ratio"] = round(native_seconds / lean_seconds, 1)

    env.invalidate_all()
    rng = random.Random(SEED)
    picks = [products.browse(rng.choice(ids)) for _ in range(SINGLE_CALLS)]
    times = []
    for product in picks:
        started = time.perf_counter()
        ats.compute(product, channel=bench)
        times.append(time.perf_counter() - started)
    figures["ats_single_product_ms"] = round(statistics.median(times) * 1000, 3)
    figures["ats_single_product_p95_ms"] = round(
        statistics.quantiles(times, n=20)[-1] * 1000, 3)

    figures.update(check_against_native(env, ids, rng))
    return figures


def check_against_native(env, ids, rng):
    """ATS of the rule-free channel over sellable locations == native free_qty."""
    plain = channel(env, generate.PLAIN_CHANNEL_CODE)
    scope = plain._source_locations()
    sellable = scope.filtered(lambda loc: loc.omni_status == "sellable")
    env.invalidate_all()
    sample = env["product.product"].browse(sorted(rng.sample(ids, min(SAMPLE_SIZE, len(ids)))))
    ats_total = sum(row["ats"] for row in env["omni.ats"].compute(sample, channel=plain).values())
    native_total = sum(
        sample.with_context(location=sellable.ids).mapped("free_qty")
    )
    matches = scope == sellable and round(ats_total, 2) == round(native_total, 2)
    _logger.info("check: ATS %s vs native free_qty %s over %d products, %d locations",
                 ats_total, native_total, len(sample), len(sellable))
    return {
        "ats_matches_native_free_qty_when_no_rules": int(matches),
        "#check": f"ATS sum {ats_total:g} vs native free_qty sum {native_total:g} "
                  f"({len(sample)} products, {len(sellable)} sellable locations)",
    }


def run_holds(conf, db_name):
    """Figures of tests/bench/bench_holds.py when that module is there."""
    try:
        bench_holds = importlib.import_module("bench_holds")
        run = bench_holds.run
    except Exception:  # noqa: BLE001 - missing or broken: skip it, say so
        _logger.info("no holds benchmark", exc_info=True)
        return None
    return run(conf, db_name)


def emit(out, figures):
    for name, value in figures.items():
        if name.startswith("#"):
            out.write(f"# {value}\n")
        else:
            out.write(f"{name}: {value}\n")
    out.flush()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--products", type=int, default=generate.DEFAULT_PRODUCTS)
    parser.add_argument("--locations", type=int, default=generate.DEFAULT_LOCATIONS)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--rss-probe", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    conf = os.path.abspath(args.config)

    # stdout carries the figures only: anything else printed goes to stderr
    out, sys.stdout = sys.stdout, sys.stderr
    if args.rss_probe:
        out.write(json.dumps(rss_probe(conf, args.database)) + "\n")
        return 0

    started = time.monotonic()
    sizes = generate.ensure(conf, args.database, args.products, args.locations, args.rebuild)
    setup_seconds = time.monotonic() - started
    if sizes.get("built"):
        emit(out, {"#gen": f"database {args.database} generated in {setup_seconds:.0f} s"})
    else:
        emit(out, {"#gen": f"database {args.database} reused (generated in "
                           f"{sizes.get('generation_seconds', '?')} s)"})

    cr, env = open_env(conf, args.database)
    try:
        figures = bench_engine(env, sizes)
    finally:
        cr.rollback()
        cr.close()
    rss = measure_rss(conf, args.database)
    figures["ats_peak_rss_mb"] = round(rss["peak"], 1)
    figures["ats_rss_growth_mb"] = round(rss["delta"], 1)
    figures["ats_catalog_under_1s"] = int(figures["ats_catalog_seconds"] < GOAL_SECONDS)
    figures["ats_10x_faster_than_native"] = int(figures["ats_vs_native_ratio"] >= GOAL_RATIO)
    figures["#goal"] = (f"goal: full catalog under {GOAL_SECONDS:g} s and at least "
                        f"{GOAL_RATIO:g}x faster than native free_qty")
    emit(out, figures)

    status = 0
    try:
        holds = run_holds(conf, args.database)
    except Exception as exc:  # noqa: BLE001 - report it, keep the other figures
        _logger.exception("holds benchmark failed")
        emit(out, {"#holds": f"holds benchmark failed: {exc!r}".replace("\n", " ")})
        status = 1
    else:
        if holds is None:
            emit(out, {"#holds": "holds benchmark not available"})
        else:
            emit(out, holds)
    return status


if __name__ == "__main__":
    sys.exit(main())
