"""A real multi-worker Odoo server and hold fixtures, for the concurrency test and bench.

``OdooServer(conf, db)`` starts ``python -m odoo`` with workers on free ports and
stops it; ``HoldFixture`` commits a product with ``S`` sellable units in a
location of its own, a channel drawing only on it and an integration user with
an API key, and removes them afterwards.
"""

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, Command, api

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from api_key import generate_key  # noqa: E402


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OdooServer:
    """``workers=0``: a threaded server, with Odoo's own bound on its request threads
    (``ODOO_MAX_HTTP_THREADS``, as ``make run`` sets it); else prefork workers."""

    def __init__(self, conf, db, workers=4, extra_args=(), max_threads="auto"):
        self.conf, self.db, self.workers = conf, db, workers
        self.extra_args, self.max_threads = list(extra_args), max_threads
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.log = None

    def __enter__(self):
        self.log = tempfile.NamedTemporaryFile(prefix="omni-holds-", suffix=".log", delete=False)
        self.process = subprocess.Popen(
            # -d without --db-filter: Odoo then serves that database without listing
            # PostgreSQL's databases on every session-less (API) request
            [sys.executable, str(Path(__file__).with_name("holds_odoo_bin.py")),
             "-c", self.conf, *(["-d", self.db] if self.db else []),
             f"--workers={self.workers}",
             f"--http-port={self.port}", f"--gevent-port={free_port()}",
             "--max-cron-threads=0", "--http-interface=127.0.0.1", "--log-level=warn",
             "--limit-time-real=120", "--limit-time-cpu=60", "--no-database-list",
             *self.extra_args],
            stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, "ODOO_MAX_HTTP_THREADS": str(self.max_threads)},
        )
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"odoo exited, see {self.log.name}")
            try:
                urllib.request.urlopen(f"{self.url}/web/health", timeout=2).read()
                return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError(f"odoo did not start in time, see {self.log.name}")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        if self.log:
            self.log.close()

    def log_text(self):
        return Path(self.log.name).read_text(errors="replace")


def call(url, key, method="GET", body=None, raw=None, timeout=60, tries=6):
    """``(status, json)`` of one API call.

    A connection reset (the server's listen backlog is ``8 x workers``) is retried:
    every call of the API is idempotent, a replayed hold returns the same hold.
    """
    for attempt in range(tries):
        try:
            return _call(url, key, method, body, raw, timeout)
        except (ConnectionError, urllib.error.URLError) as error:
            if isinstance(error, urllib.error.HTTPError) or attempt == tries - 1:
                raise
            time.sleep(0.05 * 2 ** attempt)
    raise AssertionError("unreachable")


def _call(url, key, method, body, raw, timeout):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, _json(response.read(), response.headers)
    except urllib.error.HTTPError as error:
        return error.code, _json(error.read(), error.headers)


def _json(payload, headers):
    """The JSON body, with the ``Retry-After`` header as ``_retry_after``; a body that is
    not JSON comes back as ``{"raw": ...}`` (a broken contract the tests look for)."""
    try:
        body = json.loads(payload)
    except ValueError:
        return {"raw": payload[:300].decode(errors="replace")}
    if isinstance(body, dict) and headers.get("Retry-After"):
        body["_retry_after"] = headers["Retry-After"]
    if isinstance(body, dict) and headers.get("X-Omni-Source"):
        body["_source"] = headers["X-Omni-Source"]
    return body


def contract_breaches(results):
    """Answers outside the API's contract under load: a 5xx other than a 503 with
    ``Retry-After``, a 429 without it, or a body that is not the JSON contract."""
    bad = []
    for status, body in results:
        if "raw" in body or (status >= 400 and "error" not in body):
            bad.append((status, body))
        elif status in (429, 503) and "_retry_after" not in body:
            bad.append((status, body))
        elif status >= 500 and status != 503:
            bad.append((status, body))
    return bad


class HoldFixture:
    """Committed test data: ``products`` SKUs with ``units`` sellable units each."""

    def __init__(self, db, units, products=1):
        self.db, self.units, self.count = db, units, products
        self.tag = uuid.uuid4().hex[:8]
        self.skus = [f"HOLDS-{self.tag}-{i}" for i in range(products)]
        self.code = f"holds-{self.tag}"
        self.key = None
        self.ids = {}

    def env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def __enter__(self):
        with odoo.modules.registry.Registry(self.db).cursor() as cr:
            env = self.env(cr)
            # outside every warehouse, so other channels and benchmarks never see it
            location = env["stock.location"].create({
                "name": f"Holds {self.tag}", "usage": "internal",
                "company_id": env.company.id,
                "location_id": env.ref("stock.stock_location_locations").id})
            products = env["product.product"].create([
                {"name": f"Holds {sku}", "default_code": sku, "type": "consu",
                 "is_storable": True} for sku in self.skus])
            for product in products:
                env["stock.quant"]._update_available_quantity(product, location, self.units)
            channel = env["omni.channel"].create({
                "name": f"Holds {self.tag}", "code": self.code, "channel_type": "marketplace",
                "location_ids": [Command.set(location.ids)]})
            self.key = generate_key(env, self.code, days=1, name="holds fixture")
            # bursts measure the holds, not the rate limit (tested on its own)
            channel.integration_user_ids.write(
                {"omni_rate_per_minute": 10**6, "omni_rate_burst": 10**6})
            self.ids = {"location": location.id, "products": products.ids,
                        "channel": channel.id}
        return self

    def other_key(self):
        """A key of a second channel on the same location (for cross-channel checks)."""
        with odoo.modules.registry.Registry(self.db).cursor() as cr:
            env = self.env(cr)
            channel = env["omni.channel"].create({
                "name": f"Holds other {self.tag}", "code": f"{self.code}-b",
                "location_ids": [Command.set([self.ids["location"]])]})
            self.ids["other_channel"] = channel.id
            key = generate_key(env, channel.code, days=1, name="holds fixture")
            channel.integration_user_ids.write(
                {"omni_rate_per_minute": 10**6, "omni_rate_burst": 10**6})
            return key

    def set_rate(self, per_minute, burst):
        """The integration's own rate limit (requests per minute, burst)."""
        with odoo.modules.registry.Registry(self.db).cursor() as cr:
            channel = self.env(cr)["omni.channel"].browse(self.ids["channel"])
            channel.integration_user_ids.write(
                {"omni_rate_per_minute": per_minute, "omni_rate_burst": burst})
            cr.execute("DELETE FROM omni_api_rate_bucket WHERE user_id = ANY(%s)",
                       [channel.integration_user_ids.ids])

    def release_all(self):
        with odoo.modules.registry.Registry(self.db).cursor() as cr:
            holds = self.env(cr)["omni.stock.hold"].search(
                [("channel_id", "=", self.ids["channel"]), ("state", "=", "active")])
            holds.action_release()

    def figures(self):
        """``{sku: (active held quantity, on hand, reserved)}`` in the database."""
        with odoo.modules.registry.Registry(self.db).cursor() as cr:
            cr.execute("""
                SELECT pp.default_code,
                       (SELECT COALESCE(SUM(h.quantity), 0) FROM omni_stock_hold h
                         WHERE h.product_id = pp.id AND h.state = 'active'),
                       (SELECT COALESCE(SUM(q.quantity), 0) FROM stock_quant q
                         WHERE q.product_id = pp.id AND q.location_id = %s),
                       (SELECT COUNT(*) FROM omni_stock_hold h WHERE h.product_id = pp.id)
                  FROM product_product pp WHERE pp.id = ANY(%s)
            """, [self.ids["location"], self.ids["products"]])
            return {sku: (float(held), float(qty), count)
                    for sku, held, qty, count in cr.fetchall()}

    def __exit__(self, *exc):
        if not self.ids:
            return
        with odoo.modules.registry.Registry(self.db).cursor() as cr:
            env = self.env(cr)
            channels = env["omni.channel"].browse(
                [self.ids["channel"], self.ids.get("other_channel")]).exists()
            holds = env["omni.stock.hold"].search([("channel_id", "in", channels.ids)])
            holds.action_release()
            holds.unlink()
            users = env["res.users"].with_context(active_test=False).search(
                [("omni_channel_id", "in", channels.ids)])
            env["res.users.apikeys"].search([("user_id", "in", users.ids)]).unlink()
            users.write({"active": False, "omni_channel_id": False})
            location = env["stock.location"].browse(self.ids["location"])
            products = env["product.product"].browse(self.ids["products"])
            for product in products:
                env["stock.quant"]._update_available_quantity(product, location, -self.units)
            channels.write({"active": False})
            products.write({"active": False})
            cr.commit()
            try:
                location.active = False
                cr.commit()
            except Exception:  # noqa: BLE001 - quants still there: keep the location
                cr.rollback()


def burst(url, key, bodies, method="POST", timeout=120, tries=6):
    """Send every request of ``bodies`` at once (one connection each, no thread each)
    and return their ``(status, json)`` in order; a reset connection is retried (every
    call of the API is idempotent)."""
    return asyncio.run(_burst(url, key, bodies, method, timeout, tries))


async def _burst(url, key, bodies, method, timeout, tries):
    parsed = urllib.parse.urlsplit(url)
    path = parsed.path + (f"?{parsed.query}" if parsed.query else "")

    async def one(body):
        data = json.dumps(body).encode() if body is not None else b""
        head = (f"{method} {path} HTTP/1.1\r\nHost: {parsed.netloc}\r\n"
                f"Authorization: Bearer {key}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n").encode()
        for attempt in range(tries):
            try:
                reader, writer = await asyncio.open_connection(parsed.hostname, parsed.port)
                writer.write(head + data)
                await writer.drain()
                raw = await reader.read()
                writer.close()
                if not raw:
                    raise ConnectionResetError("empty answer")
                return _parse_http(raw)
            except (ConnectionError, OSError):
                if attempt == tries - 1:
                    raise
                await asyncio.sleep(0.05 * 2 ** attempt)
        raise AssertionError("unreachable")

    return await asyncio.wait_for(asyncio.gather(*(one(body) for body in bodies)), timeout)


def _parse_http(raw):
    head, _sep, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _colon, value = line.partition(":")
        headers[name.strip()] = value.strip()
    if headers.get("Transfer-Encoding", "").lower() == "chunked":
        decoded, rest = b"", body
        while rest:
            size, _crlf, rest = rest.partition(b"\r\n")
            size = int(size.split(b";")[0], 16)
            if not size:
                break
            decoded, rest = decoded + rest[:size], rest[size + 2:]
        body = decoded
    return status, _json(body, headers)
