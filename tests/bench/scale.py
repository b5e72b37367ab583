"""Scale database for benchmarks: N storable products × M internal locations.

``build(conf, db, products, locations)`` installs ``omni_stock`` in ``db`` if needed,
then generates the data once; a database built with the same sizes is reused.
Products are created with the ORM (as a user would), quants with one set-based INSERT.
"""

import argparse
import datetime
import hashlib
import logging
import statistics
import subprocess
import sys
import time
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, Command, api, fields

_logger = logging.getLogger("omni_bench")

STATUS_PATTERN = (
    ["sellable"] * 40 + ["unpickable"] * 3 + ["damaged"] * 2 + ["quarantine"] * 2
    + ["inspection"] * 3
)
PARAM = "omni_bench.sizes"
SOURCE_PARAM = "omni_bench.source"
ADDON = Path(__file__).resolve().parents[2] / "addons" / "omni_stock"


def _source_digest(addon=ADDON):
    digest = hashlib.sha256()
    for path in sorted(addon.rglob("*")):
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


def ensure_installed(conf, db, module, extra_args=()):
    """Install ``module`` (an addon of this repository) in ``db``, or update it when its
    source changed since the benchmark last installed it."""
    digest = _source_digest(ADDON.parent / module)
    param = f"{SOURCE_PARAM}.{module}"
    with odoo.modules.registry.Registry(db).cursor() as cr:
        cr.execute("SELECT 1 FROM ir_module_module WHERE name = %s AND state = 'installed'",
                   [module])
        installed = bool(cr.fetchone())
        current = api.Environment(cr, SUPERUSER_ID, {})["ir.config_parameter"].get_param(
            param) == digest
    if installed and current:
        return
    odoo.modules.registry.Registry.delete(db)
    subprocess.check_call(
        [sys.executable, "-m", "odoo", "-c", conf, "-d", db, "-u" if installed else "-i",
         module, "--stop-after-init", "--log-level=warn", *extra_args],
        stdout=subprocess.DEVNULL)
    with odoo.modules.registry.Registry(db).cursor() as cr:
        api.Environment(cr, SUPERUSER_ID, {})["ir.config_parameter"].set_param(param, digest)


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


def vacuum(db):
    """``VACUUM ANALYZE`` of ``db``, what autovacuum does on a live database: some
    clusters run without it, and the benches' rolled-back transactions leave dead rows
    (a feed read past millions of them measures the leftovers, not the read)."""
    with odoo.sql_db.db_connect(db).cursor() as cr:
        cr._cnx.autocommit = True  # VACUUM runs outside a transaction
        cr.execute("VACUUM ANALYZE")


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


# ---------------------------------------------------------------------------
# valuation layers (omni_stock_report_account's benchmark)
# ---------------------------------------------------------------------------
VALUATION_PARAM = "omni_bench.valuation"
VALUATION_SOURCE_PARAM = "omni_bench.valuation_source"
REPORT_ADDONS = ("omni_stock_report", "omni_stock_report_account")
OPENING_DAYS = 60
RECEIPT_DAYS = 10


def _report_digest():
    digest = hashlib.sha256()
    for addon in REPORT_ADDONS:
        for path in sorted((ADDON.parent / addon).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".xml", ".csv"):
                digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_valuation(conf, db):
    """Install the reporting addons (stock_account: perpetual AVCO valuation) and give
    the scale data set valuation history, once, set-based:

    - a cost per product (1 + id % 50);
    - per product, one receipt of 1 unit into a sellable location ``RECEIPT_DAYS``
      ago (a done move, its move line and its layer), the unit being one of the
      generated quants (so on-hand figures do not change);
    - per product, an opening layer ``OPENING_DAYS`` ago for the rest of its stock.

    Nothing else changes: quants, open moves and channels stay as they are.
    """
    digest = _report_digest()
    with odoo.modules.registry.Registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        installed = env["ir.module.module"].search_count(
            [("name", "=", REPORT_ADDONS[-1]), ("state", "=", "installed")])
        current = env["ir.config_parameter"].get_param(VALUATION_SOURCE_PARAM) == digest
    if not installed or not current:
        odoo.modules.registry.Registry.delete(db)
        mode = "-u" if installed else "-i"
        subprocess.check_call(
            [sys.executable, "-m", "odoo", "-c", conf, "-d", db, mode, ",".join(REPORT_ADDONS),
             "--stop-after-init", "--without-demo=all", "--log-level=warn"],
            stdout=subprocess.DEVNULL)
    with odoo.modules.registry.Registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        params = env["ir.config_parameter"]
        params.set_param(VALUATION_SOURCE_PARAM, digest)
        if params.get_param(VALUATION_PARAM) == params.get_param(PARAM):
            return
        started = time.monotonic()
        _generate_valuation(env)
        params.set_param(VALUATION_PARAM, params.get_param(PARAM))
        cr.commit()
        cr.execute("ANALYZE stock_valuation_layer, stock_move, stock_move_line")
        _logger.warning("valuation history generated in %.0f s", time.monotonic() - started)


def _generate_valuation(env):
    company = env.company
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    category = env.ref("product.product_category_all").with_company(company)
    category.write({"property_valuation": "real_time", "property_cost_method": "average"})
    supplier = env.ref("stock.stock_location_suppliers")
    uom = env.ref("uom.product_uom_unit")
    env.flush_all()
    cr = env.cr
    cr.execute(
        """
        UPDATE product_product pp
           SET standard_price = jsonb_build_object(%(company)s::text, 1 + pp.id %% 50)
          FROM product_template pt
         WHERE pt.id = pp.product_tmpl_id AND pt.is_storable
        """,
        {"company": company.id},
    )
    # one receipt per product, into its first sellable quant's location
    cr.execute(
        """
        CREATE TEMP TABLE bench_receipt ON COMMIT DROP AS
        SELECT DISTINCT ON (q.product_id) q.product_id, q.location_id,
               1 + q.product_id %% 50 AS cost
          FROM stock_quant q
          JOIN stock_location l ON l.id = q.location_id
          JOIN product_product pp ON pp.id = q.product_id
          JOIN product_template pt ON pt.id = pp.product_tmpl_id AND pt.is_storable
         WHERE l.usage = 'internal' AND l.omni_status = 'sellable'
           AND l.warehouse_id = %(warehouse)s
         ORDER BY q.product_id, q.location_id;
        ALTER TABLE bench_receipt ADD COLUMN move_id integer;
        WITH moves AS (
            INSERT INTO stock_move (name, product_id, product_uom_qty, product_qty,
                                    product_uom, location_id, location_dest_id,
                                    location_final_id, company_id, state, date,
                                    procure_method, price_unit, reference, origin,
                                    create_uid, write_uid, create_date, write_date)
            SELECT 'Bench receipt', r.product_id, 1, 1, %(uom)s, %(supplier)s, r.location_id,
                   r.location_id, %(company)s, 'done', %(receipt_at)s, 'make_to_stock',
                   r.cost, 'BENCH/IN', 'bench', 1, 1, now(), now()
              FROM bench_receipt r
            RETURNING id, product_id
        )
        UPDATE bench_receipt r SET move_id = m.id FROM moves m WHERE m.product_id = r.product_id;
        INSERT INTO stock_move_line (move_id, product_id, product_uom_id, location_id,
                                     location_dest_id, quantity, quantity_product_uom,
                                     state, date, company_id, picked,
                                     create_uid, write_uid, create_date, write_date)
        SELECT r.move_id, r.product_id, %(uom)s, %(supplier)s, r.location_id, 1, 1, 'done',
               %(receipt_at)s, %(company)s, TRUE, 1, 1, now(), now()
          FROM bench_receipt r;
        INSERT INTO stock_valuation_layer (company_id, product_id, stock_move_id, quantity,
                                           unit_cost, value, remaining_qty, remaining_value,
                                           description, create_uid, write_uid, create_date,
                                           write_date)
        SELECT %(company)s, r.product_id, r.move_id, 1, r.cost, r.cost, 1, r.cost,
               'Bench receipt', 1, 1, %(receipt_at)s, now()
          FROM bench_receipt r;
        -- the opening layer holds the rest of the stock
        INSERT INTO stock_valuation_layer (company_id, product_id, quantity, unit_cost, value,
                                           remaining_qty, remaining_value, description,
                                           create_uid, write_uid, create_date, write_date)
        SELECT %(company)s, s.product_id, s.qty - 1, s.cost, (s.qty - 1) * s.cost,
               s.qty - 1, (s.qty - 1) * s.cost, 'Bench opening balance', 1, 1,
               %(opening_at)s, now()
          FROM (SELECT q.product_id, SUM(q.quantity) AS qty, 1 + q.product_id %% 50 AS cost
                  FROM stock_quant q
                  JOIN stock_location l ON l.id = q.location_id
                 WHERE l.company_id = %(company)s AND l.usage IN ('internal', 'transit')
                 GROUP BY q.product_id) s
          JOIN bench_receipt r ON r.product_id = s.product_id;
        """,
        {"company": company.id, "warehouse": warehouse.id, "uom": uom.id,
         "supplier": supplier.id,
         "receipt_at": fields.Datetime.now() - datetime.timedelta(days=RECEIPT_DAYS),
         "opening_at": fields.Datetime.now() - datetime.timedelta(days=OPENING_DAYS)},
    )
    env.invalidate_all()


def single_product_ms(engine, channel, products, rng, **kwargs):
    """Median of 200 one-product channel ATS calls (what a channel promises: the lean
    figures, from the maintained state when the channel has one)."""
    singles = []
    for product in rng.sample(list(products), min(200, len(products))):
        started = time.perf_counter()
        engine.compute(product, channel=channel, detail=False, **kwargs)
        singles.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(singles), 2)


def run_alone(run, description=None, argv=None):
    """A benchmark module run on its own (``python3 bench_<topic>.py -c CONF -d DB``):
    its ``run(conf, db)`` figures on an existing scale database."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args(argv)
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    ensure_current(args.config, args.database)
    for name, value in run(args.config, args.database).items():
        print(f"{name}: {value}", flush=True)
