"""Holds under real concurrency: real Odoo servers (threaded and prefork) and bursts.

Run: python3 -m pytest tests/test_concurrency_holds.py --odoo-config=CONF
     --odoo-database=DB  (any database with omni_stock installed; the test commits
its own product, location, channel and integration user there and removes them).
``OMNI_CONCURRENCY_DB`` runs it against another database; ``OMNI_CONCURRENCY_WORKERS``
sets the number of workers of the prefork server (default 4).

A burst gets only the API's contract: 201, 200 (replay), 409 insufficient_stock, or a
deliberate 429/503 with ``Retry-After`` and the JSON error body; never another 5xx,
never a body that is not JSON, never more holds than stock.
"""

import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import odoo

sys.path.insert(0, str(Path(__file__).resolve().parent / "bench"))
from holds_server import HoldFixture, OdooServer, burst, call, contract_breaches  # noqa: E402

UNITS = 17


def _database():
    db = os.environ.get("OMNI_CONCURRENCY_DB") or odoo.tools.config["db_name"]
    if isinstance(db, list):  # Odoo 18 may keep db_name as a list
        db = db[0] if db else None
    if not db:
        pytest.skip("no database: pass --odoo-database or OMNI_CONCURRENCY_DB")
    return db


@pytest.fixture(scope="module", params=["prefork", "threaded"])
def server(request):
    db = _database()
    conf = odoo.tools.config.rcfile
    workers = int(os.environ.get("OMNI_CONCURRENCY_WORKERS", "4"))
    if request.param == "threaded":
        workers = 0
    with HoldFixture(db, UNITS) as fixture, OdooServer(conf, db, workers) as odoo_server:
        yield odoo_server, fixture


def _burst(odoo_server, fixture, requests, prefix):
    return burst(f"{odoo_server.url}/omni_stock/v1/holds", fixture.key, [
        {"sku": fixture.skus[0], "qty": 1, "reference": f"{prefix}-{index}",
         "ttl_seconds": 600} for index in range(requests)])


@pytest.mark.parametrize("requests", [60, 200])
def test_burst_never_oversells_and_keeps_the_contract(server, requests):
    odoo_server, fixture = server
    fixture.release_all()
    results = _burst(odoo_server, fixture, requests, f"burst{requests}")
    statuses = [status for status, _body in results]
    assert contract_breaches(results) == [], odoo_server.log_text()[-3000:]
    assert statuses.count(201) == UNITS, (statuses, odoo_server.log_text()[-3000:])
    assert statuses.count(409) == requests - UNITS
    assert {body["error"]["code"] for status, body in results if status == 409} == {
        "insufficient_stock"}
    assert all(body["error"]["available"] == 0 for status, body in results if status == 409)
    held, on_hand, _count = fixture.figures()[fixture.skus[0]]
    assert (held, on_hand) == (UNITS, UNITS), "held never exceeds sellable"

    # replaying every request returns the same holds: nothing new
    created = {body["hold"]["id"] for status, body in results if status == 201}
    replays = _burst(odoo_server, fixture, requests, f"burst{requests}")
    assert {body["hold"]["id"] for status, body in replays if status == 200} == created
    assert fixture.figures()[fixture.skus[0]][0] == UNITS
    status, body = call(
        f"{odoo_server.url}/omni_stock/v1/availability?skus={fixture.skus[0]}", fixture.key)
    assert (status, body["items"][0]["ats"]) == (200, 0)
    assert "Traceback" not in odoo_server.log_text()


def test_burst_over_the_rate_limit_is_told_when_to_retry(server):
    odoo_server, fixture = server
    fixture.release_all()
    fixture.set_rate(per_minute=1, burst=10)
    try:
        results = _burst(odoo_server, fixture, 40, "rate")
    finally:
        fixture.set_rate(per_minute=10**6, burst=10**6)
    statuses = [status for status, _body in results]
    assert contract_breaches(results) == []
    assert statuses.count(201) == 10, statuses
    assert statuses.count(429) == 30
    assert all(int(body["_retry_after"]) >= 1 for status, body in results if status == 429)


def test_same_reference_in_parallel_gives_one_hold(server):
    odoo_server, fixture = server
    fixture.release_all()
    sku = fixture.skus[0]
    url = f"{odoo_server.url}/omni_stock/v1/holds"
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(
            lambda _i: call(url, fixture.key, "POST",
                            {"sku": sku, "qty": 2, "reference": f"twin-{odoo_server.port}"}),
            range(20)))
    statuses = sorted(status for status, _body in results)
    assert statuses == [200] * 19 + [201], results
    assert len({body["hold"]["id"] for _status, body in results}) == 1


def test_bad_requests_change_nothing(server):
    odoo_server, fixture = server
    fixture.release_all()
    sku = fixture.skus[0]
    base = f"{odoo_server.url}/omni_stock/v1"
    call(f"{base}/holds", fixture.key, "POST", {"sku": sku, "qty": 1, "reference": "mine"})
    before = fixture.figures()[sku]
    other_key = fixture.other_key()
    cases = [
        ({"sku": sku, "qty": -1, "reference": "b1"}, None, fixture.key, 400, "invalid_quantity"),
        ({"sku": sku, "qty": 0, "reference": "b2"}, None, fixture.key, 400, "invalid_quantity"),
        ({"sku": sku, "qty": "x", "reference": "b3"}, None, fixture.key, 400,
         "invalid_quantity"),
        ({"sku": sku, "qty": 10 ** 9, "reference": "b4"}, None, fixture.key, 400,
         "invalid_quantity"),
        (None, b'{"sku": "%s", "qty": 1%s, "reference": "b4b"}' % (sku.encode(), b"0" * 400),
         fixture.key, 400, "invalid_quantity"),
        ({"sku": "NOPE-NOPE", "qty": 1, "reference": "b5"}, None, fixture.key, 404,
         "unknown_sku"),
        ({"sku": sku, "reference": "b6"}, None, fixture.key, 400, "invalid_payload"),
        (None, b"{oops", fixture.key, 400, "invalid_payload"),
        ({"sku": sku, "qty": 1, "reference": "b7"}, None, "wrong-key", 401, "unauthorized"),
    ]
    for body, raw, key, status, code in cases:
        got_status, got = call(f"{base}/holds", key, "POST", body, raw=raw)
        assert (got_status, got.get("error", {}).get("code")) == (status, code), (body, got)
    # another channel's key cannot see, release or confirm this channel's hold
    for action in ("release", "confirm"):
        got_status, got = call(f"{base}/holds/mine/{action}", other_key, "POST", {})
        assert (got_status, got["error"]["code"]) == (404, "hold_not_found")
    assert fixture.figures()[sku] == before
    assert "Traceback" not in odoo_server.log_text()


def test_database_unreachable_still_answers_json():
    """The API is a server-wide route: without its database it still answers JSON."""
    db = _database()
    conf = odoo.tools.config.rcfile

    def allow(flag):
        with odoo.sql_db.db_connect("postgres").cursor() as cr:
            cr._cnx.autocommit = True
            cr.execute(f'ALTER DATABASE "{db}" WITH ALLOW_CONNECTIONS {flag}')

    # the database refuses new connections; the server finds it by name (no preload)
    allow("false")
    try:
        with OdooServer(conf, None, workers=0,
                        extra_args=[f"--db-filter=^{db}$"]) as odoo_server:
            status, body = call(f"{odoo_server.url}/omni_stock/v1/availability?skus=A",
                                "key", tries=1)
    finally:
        allow("true")
    assert status == 503, body
    assert body["error"]["code"] == "unavailable"
    assert int(body["_retry_after"]) >= 1
