"""Build (once) the scale database the ATS benchmark runs against.

``python3 tests/bench/generate.py -c CONF -d DB [--products N --locations M --rebuild]``

The database gets ``omni_stock`` installed, then (by default) 10,000 storable
products, 50 internal locations of mixed stock status under one warehouse's
stock location, one quant per product and location (500,000 quants), an open
receipt for every fifth product, and two channels:

* ``bench``: sources the warehouse, allocation 80 %, safety stock 1, minimum
  location accuracy 95 % (a few sellable locations are below it);
* ``bench_plain``: no rules (100 %, 0, 0) and only the sellable generated
  locations, so its ATS must equal Odoo's ``free_qty`` over those locations.

The sizes and a fingerprint of the ``omni_stock`` sources are recorded in
``ir.config_parameter`` (``omni_bench.*``). A rerun with the same sizes reuses
the database (updating ``omni_stock`` if its sources changed); other sizes or
``--rebuild`` drop and rebuild it. Everything is logged to stderr.
"""

import argparse
import hashlib
import logging
import os
import subprocess
import sys
import time

import odoo
from odoo import sql_db
from odoo.service import db as db_service

_logger = logging.getLogger("omni_bench.generate")

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DBCTL = os.path.join(REPO, "tests", "dbctl.py")

DEFAULT_PRODUCTS = 10_000
DEFAULT_LOCATIONS = 50
PRODUCT_BATCH = 1000
PREFIX = "BENCH-"
CHANNEL_CODE = "bench"
PLAIN_CHANNEL_CODE = "bench_plain"
# share of the generated locations per status (the rest is sellable)
STATUS_SHARES = (("unpickable", 0.06), ("damaged", 0.04), ("quarantine", 0.04),
                 ("inspection", 0.06))
LOW_ACCURACY = 90.0  # below the bench channel's minimum of 95
PARAM_PREFIX = "omni_bench."

# One quant per (product, location); deterministic quantities from 1 to 60, and
# on one quant in four a reservation of up to 5 units (never above the quantity).
QUANT_INSERT = """
INSERT INTO stock_quant (
    product_id, company_id, location_id, quantity, reserved_quantity, in_date,
    inventory_date, inventory_quantity, inventory_diff_quantity, inventory_quantity_set,
    create_uid, write_uid, create_date, write_date
)
SELECT p.id, %(company_id)s, l.id, g.qty,
       CASE WHEN (p.id + 3 * l.id) %% 4 = 0 THEN LEAST(g.qty, 1 + (p.id + l.id) %% 5)
            ELSE 0 END,
       %(now)s - make_interval(days => (p.id + l.id) %% 365),
       l.inventory_date, 0, 0, false,
       %(uid)s, %(uid)s, %(now)s, %(now)s
  FROM product_product p
 CROSS JOIN unnest(%(location_ids)s::int[], %(inventory_dates)s::date[])
       AS l(id, inventory_date)
 CROSS JOIN LATERAL (SELECT (1 + (p.id * 37 + l.id * 101) %% 60)::numeric AS qty) g
 WHERE p.id = ANY(%(product_ids)s)
"""

# An open (confirmed, not yet received) receipt for every fifth product,
# expected over the next two weeks: feeds the engine's "incoming" bucket and
# the native incoming/outgoing computation.
MOVE_INSERT = """
INSERT INTO stock_move (
    name, reference, company_id, product_id, product_uom, product_uom_qty, product_qty,
    quantity, location_id, location_dest_id, picking_type_id, warehouse_id,
    procure_method, state, priority, sequence, date,
    picked, scrapped, additional, is_inventory, propagate_cancel,
    create_uid, write_uid, create_date, write_date
)
SELECT 'Bench receipt', 'BENCH/IN', %(company_id)s, p.id, t.uom_id, q.qty, q.qty,
       0, %(supplier_id)s, %(stock_id)s, %(picking_type_id)s, %(warehouse_id)s,
       'make_to_stock', 'confirmed', '0', 10,
       %(now)s + make_interval(days => p.id %% 14),
       false, false, false, false, false,
       %(uid)s, %(uid)s, %(now)s, %(now)s
  FROM product_product p
  JOIN product_template t ON t.id = p.product_tmpl_id
 CROSS JOIN LATERAL (SELECT (10 + p.id %% 40)::numeric AS qty) q
 WHERE p.id = ANY(%(product_ids)s) AND p.id %% 5 = 0
"""


_configured = []


def configure(conf):
    """Load the Odoo configuration ``conf`` (once: Odoo cannot parse it twice)."""
    if conf not in _configured:
        odoo.tools.config.parse_config(["-c", conf])
        _configured.append(conf)


def addon_fingerprint():
    """sha1 of the omni_stock sources that shape the database (tests excluded)."""
    path = odoo.modules.module.get_module_path("omni_stock")
    digest = hashlib.sha1()
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if d not in ("tests", "readme", "__pycache__", "static"))
        for name in sorted(files):
            if name.endswith((".py", ".xml", ".csv")):
                full = os.path.join(root, name)
                digest.update(os.path.relpath(full, path).encode())
                with open(full, "rb") as handle:
                    digest.update(handle.read())
    return digest.hexdigest()


def read_params(db_name):
    """The recorded ``omni_bench.*`` parameters, or None if unreadable."""
    try:
        with sql_db.db_connect(db_name).cursor() as cr:
            cr.execute(
                "SELECT key, value FROM ir_config_parameter WHERE key LIKE %s",
                [PARAM_PREFIX + "%"],
            )
            return {key[len(PARAM_PREFIX):]: value for key, value in cr.fetchall()}
    except Exception:  # noqa: BLE001 - not an Odoo database: rebuild it
        _logger.info("cannot read the bench parameters of %s", db_name, exc_info=True)
        return None
    finally:
        sql_db.close_db(db_name)


def odoo_cmd(conf, db_name, *args):
    cmd = [sys.executable, "-m", "odoo", "-c", conf, "-d", db_name, *args,
           "--stop-after-init", "--without-demo=all", "--log-level=warn"]
    _logger.info("running %s", " ".join(cmd))
    # stdout to stderr: the benchmark's stdout only carries its figures
    subprocess.run(cmd, check=True, stdout=sys.stderr)


def drop(conf, db_name):
    odoo.modules.registry.Registry.delete(db_name)
    sql_db.close_db(db_name)
    _logger.info("dropping database %s", db_name)
    subprocess.run([sys.executable, DBCTL, "-c", conf, "drop", db_name], check=True,
                   stdout=sys.stderr)


def location_statuses(count):
    """[(status, accuracy)] for ``count`` locations: mostly sellable, every
    status present once there are at least 5, and every tenth sellable one
    (3 of the default 40) below the bench channel's minimum accuracy."""
    statuses = []
    if count >= 5:
        for status, share in STATUS_SHARES:
            statuses += [status] * max(1, round(count * share))
    statuses = ["sellable"] * (count - len(statuses)) + statuses
    result = []
    for index, status in enumerate(statuses):
        accuracy = 100.0 - (index % 4) * 0.5
        if status == "sellable" and index % 13 == 5:
            accuracy = LOW_ACCURACY
        result.append((status, accuracy))
    return result


def populate(env, products, locations):
    """Create the bench data in ``env`` (a fresh omni_stock database)."""
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True,
                           mail_notrack=True, no_reset_password=True))
    company = env.company
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    now = odoo.fields.Datetime.now()

    started = time.monotonic()
    location_vals = [
        {"name": "BENCH-%03d" % (index + 1), "usage": "internal",
         "location_id": warehouse.lot_stock_id.id, "omni_status": status,
         "omni_accuracy": accuracy}
        for index, (status, accuracy) in enumerate(location_statuses(locations))
    ]
    bench_locations = env["stock.location"].create(location_vals)
    _logger.info("%d locations created", len(bench_locations))

    product_ids = []
    for start in range(0, products, PRODUCT_BATCH):
        vals = [
            {"name": "Bench product %06d" % (index + 1),
             "default_code": "%s%06d" % (PREFIX, index + 1),
             "type": "consu", "is_storable": True, "list_price": 10.0 + index % 90}
            for index in range(start, min(products, start + PRODUCT_BATCH))
        ]
        templates = env["product.template"].create(vals)
        product_ids += templates.product_variant_ids.ids
        env.flush_all()
        env.invalidate_all()
        _logger.info("%d/%d products created (%.0f s)", len(product_ids), products,
                     time.monotonic() - started)

    inventory_dates = [loc._get_next_inventory_date() or None for loc in bench_locations]
    env.cr.execute(QUANT_INSERT, {
        "company_id": company.id, "uid": env.uid, "now": now,
        "location_ids": bench_locations.ids, "inventory_dates": inventory_dates,
        "product_ids": product_ids,
    })
    _logger.info("%d quants inserted (%.0f s)", env.cr.rowcount, time.monotonic() - started)
    env.cr.execute(MOVE_INSERT, {
        "company_id": company.id, "uid": env.uid, "now": now,
        "supplier_id": env.ref("stock.stock_location_suppliers").id,
        "stock_id": warehouse.lot_stock_id.id, "picking_type_id": warehouse.in_type_id.id,
        "warehouse_id": warehouse.id, "product_ids": product_ids,
    })
    _logger.info("%d open receipts inserted", env.cr.rowcount)

    channel = env["omni.channel"]
    channel.create({
        "name": "Bench", "code": CHANNEL_CODE, "warehouse_ids": [(6, 0, warehouse.ids)],
        "allocation_percent": 80.0, "safety_stock_qty": 1.0, "min_location_accuracy": 95.0,
    })
    sellable = bench_locations.filtered(lambda loc: loc.omni_status == "sellable")
    channel.create({
        "name": "Bench (no rules)", "code": PLAIN_CHANNEL_CODE,
        "location_ids": [(6, 0, sellable.ids)],
        "allocation_percent": 100.0, "safety_stock_qty": 0.0, "min_location_accuracy": 0.0,
    })
    env.flush_all()
    env.cr.execute("SELECT count(*) FROM stock_quant")
    return {"products": products, "locations": locations, "quants": env.cr.fetchone()[0]}


def set_params(env, values):
    params = env["ir.config_parameter"].sudo()
    for key, value in values.items():
        params.set_param(PARAM_PREFIX + key, str(value))


def ensure(conf, db_name, products=DEFAULT_PRODUCTS, locations=DEFAULT_LOCATIONS,
           rebuild=False):
    """Make sure ``db_name`` is a bench database of the given sizes.

    :return: the recorded parameters (``products``, ``locations``, ``quants``...)
    """
    configure(conf)
    fingerprint = addon_fingerprint()
    if db_service.exp_db_exist(db_name):
        params = read_params(db_name)
        wanted = {"products": str(products), "locations": str(locations)}
        if rebuild or not params or any(params.get(k) != v for k, v in wanted.items()):
            _logger.info("database %s does not hold the wanted bench data (%s): rebuilding",
                         db_name, "forced" if rebuild else params)
            drop(conf, db_name)
        else:
            if params.get("addon_fingerprint") != fingerprint:
                _logger.info("omni_stock changed since %s was built: updating it", db_name)
                odoo_cmd(conf, db_name, "-u", "omni_stock")
                registry = odoo.modules.registry.Registry(db_name)
                with registry.cursor() as cr:
                    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                    set_params(env, {"addon_fingerprint": fingerprint})
                params["addon_fingerprint"] = fingerprint
            _logger.info("reusing bench database %s (%s)", db_name, params)
            return params

    started = time.monotonic()
    odoo_cmd(conf, db_name, "-i", "omni_stock")
    _logger.info("omni_stock installed in %.0f s", time.monotonic() - started)
    registry = odoo.modules.registry.Registry(db_name)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        sizes = populate(env, products, locations)
        elapsed = time.monotonic() - started
        params = dict(sizes, addon_fingerprint=fingerprint, generation_seconds=round(elapsed))
        set_params(env, params)
    with registry.cursor() as cr:
        cr.execute("ANALYZE")
    _logger.info("bench database %s built in %.0f s: %s", db_name,
                 time.monotonic() - started, sizes)
    return dict({key: str(value) for key, value in params.items()}, built=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--products", type=int, default=DEFAULT_PRODUCTS)
    parser.add_argument("--locations", type=int, default=DEFAULT_LOCATIONS)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    ensure(args.config, args.database, args.products, args.locations, args.rebuild)
    return 0


if __name__ == "__main__":
    sys.exit(main())
