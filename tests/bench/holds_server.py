"""A real multi-worker Odoo server and hold fixtures, for the concurrency test and bench.

``OdooServer(conf, db)`` starts ``python -m odoo`` with workers on free ports and
stops it; ``HoldFixture`` commits a product with ``S`` sellable units in a
location of its own, a channel drawing only on it and an integration user with
an API key, and removes them afterwards.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, api

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from api_key import generate_key  # noqa: E402


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OdooServer:
    def __init__(self, conf, db, workers=4):
        self.conf, self.db, self.workers = conf, db, workers
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
             "-c", self.conf, "-d", self.db, f"--workers={self.workers}",
             f"--http-port={self.port}", f"--gevent-port={free_port()}",
             "--max-cron-threads=0", "--http-interface=127.0.0.1", "--log-level=warn",
             "--limit-time-real=120", "--limit-time-cpu=60", "--no-database-list"],
            stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
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
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        payload = error.read()
        try:
            return error.code, json.loads(payload)
        except ValueError:
            return error.code, {"raw": payload[:300].decode(errors="replace")}


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
                "location_ids": [(6, 0, location.ids)]})
            self.key = generate_key(env, self.code, days=1, name="holds fixture")
            self.ids = {"location": location.id, "products": products.ids,
                        "channel": channel.id}
        return self

    def other_key(self):
        """A key of a second channel on the same location (for cross-channel checks)."""
        with odoo.modules.registry.Registry(self.db).cursor() as cr:
            env = self.env(cr)
            channel = env["omni.channel"].create({
                "name": f"Holds other {self.tag}", "code": f"{self.code}-b",
                "location_ids": [(6, 0, [self.ids["location"]])]})
            self.ids["other_channel"] = channel.id
            return generate_key(env, channel.code, days=1, name="holds fixture")

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
