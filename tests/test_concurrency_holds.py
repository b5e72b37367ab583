"""Holds under real concurrency: a multi-worker Odoo server and 60 parallel clients.

Run: python3 -m pytest tests/test_concurrency_holds.py --odoo-config=CONF
     --odoo-database=DB  (any database with omni_stock installed; the test commits
its own product, location, channel and integration user there and removes them).
``OMNI_CONCURRENCY_DB`` runs it against another database; ``OMNI_CONCURRENCY_WORKERS``
sets the number of workers (default 4).
"""

import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import odoo

sys.path.insert(0, str(Path(__file__).resolve().parent / "bench"))
from holds_server import HoldFixture, OdooServer, call  # noqa: E402

UNITS = 17
REQUESTS = 60


def _database():
    db = os.environ.get("OMNI_CONCURRENCY_DB") or odoo.tools.config["db_name"]
    if isinstance(db, list):  # Odoo 18 may keep db_name as a list
        db = db[0] if db else None
    if not db:
        pytest.skip("no database: pass --odoo-database or OMNI_CONCURRENCY_DB")
    return db


@pytest.fixture(scope="module")
def server():
    db = _database()
    conf = odoo.tools.config.rcfile
    workers = int(os.environ.get("OMNI_CONCURRENCY_WORKERS", "4"))
    with HoldFixture(db, UNITS) as fixture, OdooServer(conf, db, workers) as odoo_server:
        yield odoo_server, fixture


def test_parallel_holds_never_oversell(server):
    odoo_server, fixture = server
    sku = fixture.skus[0]
    url = f"{odoo_server.url}/omni_stock/v1/holds"

    def one(index):
        return call(url, fixture.key, "POST",
                    {"sku": sku, "qty": 1, "reference": f"par-{index}", "ttl_seconds": 600})

    with ThreadPoolExecutor(max_workers=REQUESTS) as pool:
        results = list(pool.map(one, range(REQUESTS)))
    statuses = [status for status, _body in results]
    codes = sorted({body.get("error", {}).get("code") for status, body in results
                    if status != 201})
    assert statuses.count(201) == UNITS, (statuses, codes, odoo_server.log_text()[-3000:])
    assert statuses.count(409) == REQUESTS - UNITS, codes
    assert codes == ["insufficient_stock"]
    assert all(body["error"]["available"] == 0 for status, body in results if status == 409)
    held, on_hand, count = fixture.figures()[sku]
    assert (held, on_hand, count) == (UNITS, UNITS, UNITS), "held never exceeds sellable"

    # replaying every request returns the same holds: nothing new
    with ThreadPoolExecutor(max_workers=REQUESTS) as pool:
        replays = list(pool.map(one, range(REQUESTS)))
    created = {body["hold"]["id"] for status, body in results if status == 201}
    replayed = {body["hold"]["id"] for status, body in replays if status == 200}
    assert replayed == created
    assert fixture.figures()[sku][2] == UNITS

    status, body = call(f"{odoo_server.url}/omni_stock/v1/availability?skus={sku}",
                        fixture.key)
    assert status == 200
    assert body["items"][0]["ats"] == 0
    assert "omni_stock" not in odoo_server.log_text()


def test_same_reference_in_parallel_gives_one_hold(server):
    odoo_server, fixture = server
    sku = fixture.skus[0]
    url = f"{odoo_server.url}/omni_stock/v1/holds"
    # make room: release five holds
    for index in range(5):
        call(f"{url}/par-{index}/release", fixture.key, "POST", {})
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(
            lambda _i: call(url, fixture.key, "POST",
                            {"sku": sku, "qty": 2, "reference": "twin"}), range(20)))
    statuses = sorted(status for status, _body in results)
    assert statuses == [200] * 19 + [201], results
    assert len({body["hold"]["id"] for _status, body in results}) == 1


def test_bad_requests_change_nothing(server):
    odoo_server, fixture = server
    sku = fixture.skus[0]
    base = f"{odoo_server.url}/omni_stock/v1"
    before = fixture.figures()[sku]
    other_key = fixture.other_key()
    cases = [
        ({"sku": sku, "qty": -1, "reference": "b1"}, None, fixture.key, 400, "invalid_quantity"),
        ({"sku": sku, "qty": 0, "reference": "b2"}, None, fixture.key, 400, "invalid_quantity"),
        ({"sku": sku, "qty": "x", "reference": "b3"}, None, fixture.key, 400,
         "invalid_quantity"),
        ({"sku": sku, "qty": 10 ** 9, "reference": "b4"}, None, fixture.key, 400,
         "invalid_quantity"),
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
        got_status, got = call(f"{base}/holds/par-10/{action}", other_key, "POST", {})
        assert (got_status, got["error"]["code"]) == (404, "hold_not_found")
    assert fixture.figures()[sku] == before
    assert "omni_stock" not in odoo_server.log_text()
