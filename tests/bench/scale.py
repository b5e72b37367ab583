"""Scale database for benchmarks: N storable products × M internal locations.

``build(conf, db, products, locations)`` installs ``omni_stock`` in ``db`` if needed,
then generates the data once; a database built with the same sizes is reused.
Products are created with the ORM (as a user would), quants with one set-based INSERT.
"""

import hashlib
import logging
import subprocess
import sys
import time
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, Command, api

_logger = logging.getLogger("omni_bench")

STATUS_PATTERN = (
    ["sellable"] * 40 + ["unpickable"] * 3 + ["damaged"] * 2 + ["quarantine"] * 2
    + ["inspection"] * 3
)
PARAM = "omni_bench.sizes"
SOURCE_PARAM = "omni_bench.source"
ADDON = Path(__file__).resolve().parents[2] / "addons" / "omni_stock"


def _source_digest():
    digest = hashlib.sha256()
    for path in sorted(ADDON.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".xml", ".csv"):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_current(conf, db):
    """Update ``omni_stock`` in ``db`` when its source changed since the last run."""
    digest = _source_digest()
    with odoo.modules.registry.Registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if env["ir.config_parameter"].get_param(SOURCE_PARAM) == digest:
            return
    odoo.modules.registry.Registry.delete(db)
    subprocess.check_call(
        [sys.executable, "-m", "odoo", "-c", conf, "-d", db, "-u", "omni_stock",
         "--stop-after-init", "--log-level=warn"], stdout=subprocess.DEVNULL)
    with odoo.modules.registry.Registry(db).cursor() as cr:
        api.Environment(cr, SUPERUSER_ID, {})["ir.config_parameter"].set_param(
            SOURCE_PARAM, digest)


def _db_exists(conf, db):
    here = __file__.rsplit("/", 2)[0]
    return subprocess.call([sys.executable, f"{here}/dbctl.py", "-c", conf, "exists", db]) == 0


def _drop(conf, db):
    here = __file__.rsplit("/", 2)[0]
    subprocess.check_call([sys.executable, f"{here}/dbctl.py", "-c", conf, "drop", db])


def build(conf, db, products=10_000, locations=50, rebuild=False):
    """Make sure ``db`` holds the scale data set; return its sizes."""
    sizes = f"{products}x{locations}"
    if rebuild and _db_exists(conf, db):
        _drop(conf, db)
    if _db_exists(conf, db):
        registry = odoo.modules.registry.Registry(db)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            reuse = env["ir.config_parameter"].get_param(PARAM) == sizes
        if reuse:
            ensure_current(conf, db)
            with odoo.modules.registry.Registry(db).cursor() as cr:
                return _sizes(api.Environment(cr, SUPERUSER_ID, {}))
        odoo.modules.registry.Registry.delete(db)
        _drop(conf, db)
    started = time.monotonic()
    subprocess.check_call(
        [sys.executable, "-m", "odoo", "-c", conf, "-d", db, "-i", "omni_stock",
         "--stop-after-init", "--without-demo=all", "--log-level=warn"],
        stdout=subprocess.DEVNULL,
    )
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        _generate(env, products, locations)
        env["ir.config_parameter"].set_param(PARAM, sizes)
        env["ir.config_parameter"].set_param(SOURCE_PARAM, _source_digest())
        cr.commit()
        cr.execute("ANALYZE")
        _logger.warning("scale database %s built in %.0f s", db, time.monotonic() - started)
        return _sizes(env)


def _sizes(env):
    env.cr.execute("SELECT count(*) FROM stock_quant")
    quants = env.cr.fetchone()[0]
    channel = env["omni.channel"].search([("code", "=", "bench")])
    return {
        "products": env["product.product"].search_count([("is_storable", "=", True)]),
        "locations": len(channel._source_locations()),
        "quants": quants,
    }


def _generate(env, n_products, n_locations):
    warehouse = env["stock.warehouse"].search([], limit=1)
    Location = env["stock.location"]
    statuses = (STATUS_PATTERN * (n_locations // len(STATUS_PATTERN) + 1))[:n_locations - 1]
    locations = warehouse.lot_stock_id
    for index, status in enumerate(statuses):
        locations |= Location.create({
            "name": f"Bench {index:03d}", "usage": "internal", "omni_status": status,
            "location_id": warehouse.view_location_id.id,
            # every tenth sellable location is below the channel's 95% threshold
            "omni_accuracy": 90.0 if index % 10 == 5 else 100.0,
        })
    Product = env["product.product"]
    for start in range(0, n_products, 1000):
        Product.create([
            {"name": f"Bench product {i:06d}", "default_code": f"BENCH-{i:06d}",
             "type": "consu", "is_storable": True}
            for i in range(start, min(start + 1000, n_products))
        ])
        env.invalidate_all()
    env.flush_all()
    env.cr.execute(
        """
        INSERT INTO stock_quant (product_id, location_id, company_id, quantity,
                                 reserved_quantity, in_date, create_uid, write_uid,
                                 create_date, write_date)
        SELECT p.id, l.id, %(company)s, 1 + (p.id * 7 + l.id * 13) %% 40,
               CASE WHEN (p.id + l.id) %% 5 = 0 THEN 1 ELSE 0 END,
               now(), 1, 1, now(), now()
          FROM product_product p
          JOIN product_template t ON t.id = p.product_tmpl_id AND t.is_storable
         CROSS JOIN unnest(%(locations)s) AS l(id)
        """,
        {"company": warehouse.company_id.id, "locations": locations.ids},
    )
    env["omni.channel"].create({
        "name": "Bench", "code": "bench", "warehouse_ids": [Command.set(warehouse.ids)],
        "allocation_percent": 80, "safety_stock_qty": 1, "min_location_accuracy": 95,
    })
