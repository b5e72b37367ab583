"""Hold and availability API figures against a real multi-worker Odoo server.

``run(conf, db)`` returns ``{name: value}``; ``python bench_holds.py -c CONF -d DB``
prints them as ``name: value`` lines.  The database needs ``omni_stock`` (updated
here when its hold tables are missing).  The run commits its own products,
location, channel and integration user and removes them at the end.

- ``api_availability_500_skus_ms``: median of 20 ``GET /availability`` of 500 SKUs.
- ``hold_create_per_second``: holds created per second by 8 parallel clients over
  ``HOLD_SECONDS``, on 500 products.
- ``api_floor_per_second``: authenticated one-SKU availability reads per second by the
  same clients on the same server (the API's floor: key, rate limit, log, one ATS);
  ``hold_vs_floor_ratio`` = holds ÷ floor (goal >= 0.5).
- ``burst_60_5xx``, ``burst_200_5xx``: answers outside the contract (a 5xx other than a
  503 with Retry-After, or a body that is not JSON) to 60 and 200 simultaneous hold
  requests for a SKU with 9 units, summed over a threaded server (``make run``'s
  settings) and a 4-worker server, each also given per server; ``burst_oversell``:
  holds beyond stock after every burst (goal 0 for all).
- ``hold_oversell_count``: units held beyond stock after everything, including 60
  parallel requests for a product with 20 units (must be 0).
- ``change_feed_delay_ms``: median delay from the commit of a stock change to its
  appearance in ``GET /availability/changes`` (polled every 10 ms).
"""

import logging
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, api

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402
from holds_server import HoldFixture, OdooServer, burst, call, contract_breaches  # noqa: E402

PRODUCTS = 500
UNITS = 1000
CLIENTS = 8
HOLD_SECONDS = 5.0
RACE_UNITS = 20
RACE_REQUESTS = 60
BURST_UNITS = 9
BURSTS = (60, 200)


def _availability_ms(base, fixture):
    url = f"{base}/availability?skus={','.join(fixture.skus)}"
    for _ in range(3):
        status, body = call(url, fixture.key)
        assert status == 200 and len(body["items"]) == PRODUCTS, body
    runs = []
    for _ in range(20):
        started = time.perf_counter()
        call(url, fixture.key)
        runs.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(runs), 1)


def _holds_per_second(base, fixture):
    stop = time.perf_counter() + HOLD_SECONDS
    counter = {"ok": 0, "other": 0}
    lock = threading.Lock()

    def client(index):
        number = 0
        while time.perf_counter() < stop:
            sku = fixture.skus[(index * 7919 + number * 31) % PRODUCTS]
            status, _body = call(f"{base}/holds", fixture.key, "POST", {
                "sku": sku, "qty": 1, "reference": f"bench-{index}-{number}",
                "ttl_seconds": 600})
            number += 1
            with lock:
                counter["ok" if status == 201 else "other"] += 1

    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(client, range(CLIENTS)))
    elapsed = time.perf_counter() - started
    return round(counter["ok"] / elapsed, 1), counter["other"]


def _floor_per_second(base, fixture):
    """One-SKU availability reads per second, by the clients of ``_holds_per_second``."""
    stop = time.perf_counter() + HOLD_SECONDS
    counter = {"ok": 0}
    lock = threading.Lock()

    def client(index):
        number = 0
        while time.perf_counter() < stop:
            sku = fixture.skus[(index * 7919 + number * 31) % PRODUCTS]
            status, _body = call(f"{base}/availability?skus={sku}", fixture.key)
            number += 1
            if status == 200:
                with lock:
                    counter["ok"] += 1

    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(client, range(CLIENTS)))
    return round(counter["ok"] / (time.perf_counter() - started), 1)


def _bursts(conf_path, db_name):
    """``{name: value}`` of the burst figures, on a threaded and a 4-worker server."""
    figures = {f"burst_{size}_5xx": 0 for size in BURSTS}
    figures["burst_oversell"] = 0
    for mode, workers in (("threaded", 0), ("workers", 4)):
        with HoldFixture(db_name, BURST_UNITS) as fixture, \
                OdooServer(conf_path, db_name, workers=workers) as server:
            for size in BURSTS:
                fixture.release_all()
                results = burst(f"{server.url}/omni_stock/v1/holds", fixture.key, [
                    {"sku": fixture.skus[0], "qty": 1, "reference": f"{mode}-{size}-{i}"}
                    for i in range(size)])
                breaches = len(contract_breaches(results))
                figures[f"burst_{size}_5xx_{mode}"] = breaches
                figures[f"burst_{size}_5xx"] += breaches
                created = sum(1 for status, _body in results if status == 201)
                figures["burst_oversell"] += max(0, created - BURST_UNITS)
            figures["burst_oversell"] += _oversell(fixture)
    return figures


def _race(base, race):
    sku = race.skus[0]

    def one(index):
        return call(f"{base}/holds", race.key, "POST",
                    {"sku": sku, "qty": 1, "reference": f"race-{index}"})[0]

    with ThreadPoolExecutor(RACE_REQUESTS) as pool:
        statuses = list(pool.map(one, range(RACE_REQUESTS)))
    return max(0, statuses.count(201) - RACE_UNITS)


def _oversell(*fixtures):
    units = 0
    for fixture in fixtures:
        for held, on_hand, _count in fixture.figures().values():
            units += max(0, held - on_hand)
    return int(units)


def _feed_delay_ms(base, fixture, db):
    url = f"{base}/availability/changes"
    status, page = call(url, fixture.key)
    while page.get("has_more"):
        status, page = call(f"{url}?cursor={page['next_cursor']}", fixture.key)
    assert status == 200, page
    cursor = page["next_cursor"]
    delays = []
    for round_ in range(5):
        sku = fixture.skus[round_]
        with odoo.modules.registry.Registry(db).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            product = env["product.product"].search([("default_code", "=", sku)])
            location = env["stock.location"].browse(fixture.ids["location"])
            env["stock.quant"]._update_available_quantity(product, location, 1)
            env.flush_all()
            cr.commit()
            committed = time.perf_counter()
        seen = None
        while time.perf_counter() - committed < 10:
            status, page = call(f"{url}?cursor={cursor}", fixture.key)
            cursor = page["next_cursor"]
            if any(item["sku"] == sku for item in page["items"]):
                seen = time.perf_counter()
                break
            time.sleep(0.01)
        delays.append(((seen or time.perf_counter()) - committed) * 1000)
    return round(statistics.median(delays), 1)


def run(conf_path, db_name):
    """The hold figures; Odoo's configuration must already be parsed from ``conf_path``."""
    logging.getLogger("odoo").setLevel(logging.WARNING)
    figures = {}
    with HoldFixture(db_name, UNITS, PRODUCTS) as fixture, \
            HoldFixture(db_name, RACE_UNITS) as race, \
            OdooServer(conf_path, db_name, workers=4) as server:
        base = f"{server.url}/omni_stock/v1"
        figures["api_availability_500_skus_ms"] = _availability_ms(base, fixture)
        figures["hold_create_per_second"], refused = _holds_per_second(base, fixture)
        figures["hold_refused_during_rate"] = refused
        figures["api_floor_per_second"] = _floor_per_second(base, fixture)
        figures["hold_vs_floor_ratio"] = round(
            figures["hold_create_per_second"] / figures["api_floor_per_second"], 2)
        oversold = _race(base, race)
        figures["hold_oversell_count"] = oversold + _oversell(fixture, race)
        figures["change_feed_delay_ms"] = _feed_delay_ms(base, fixture, db_name)
    figures.update(_bursts(conf_path, db_name))
    return figures


if __name__ == "__main__":
    scale.run_alone(run, __doc__)
