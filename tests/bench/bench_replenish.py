"""Replenishment: a 52-week simulation through Odoo's own procurement, the nightly run's
time, and the supplier scorecards' time.

``run(conf, db)`` returns ``{name: value}``. It works on a database of its own,
``<db>_replenish`` (built once with ``omni_stock_replenish``, ``omni_stock_transfer``
and so the glue ``omni_stock_replenish_transfer``, no demo data; rebuilt when the sizes
change; the addons updated when their source changes).

The simulation (``OMNI_BENCH_REPLENISH_SIM_PRODUCTS`` products, 2 at CI size, 20 with
``OMNI_BENCH_REPLENISH_FULL=1``; ``OMNI_BENCH_REPLENISH_DAYS`` days, 91 at CI size, 364
with the flag): the demo network's shape, a central warehouse that
ships the web shop's orders and 3 stores, every node buying from one vendor (route
*Buy*, promised lead time 5 days, actual lead times drawn from N(6, 1.5) days, at
least 2, the same for both policies per node and day ordered). A seeded demand per
product and node (Poisson around a level with a yearly season of random peak and
strength, +80 % in two promotion weeks; ``OMNI_BENCH_REPLENISH_SEED``, 24 by default)
with a year of history before the simulation, written as done deliveries (and the count
addon's ABC classes computed from it) and the year's weekly purchases with their
receipts (lead times drawn the same way: the supplier scorecards know the vendor on
day 0). Then the simulated days, the same
demand for both policies, each in a transaction of its own rolled back afterwards:

- each day: the receipts due that day are validated (Odoo's ``_action_done``), the day's
  sales are what the node has (the rest is lost), written as done deliveries; Odoo's
  scheduler step for reordering rules (``stock.warehouse.orderpoint.
  _procure_orderpoint_confirm``, run on the rules at or below their min: for the others
  it does nothing) creates the purchase orders through the *Buy* ``stock.rule``; they are
  confirmed (receipts scheduled at the promised date, as of the simulated day) and
  received after their drawn lead time;
- the suite's policy, every Monday: the supplier scorecards (lead times measured from
  the receipts), the demand forecast (``omni.stock.forecast.run``, every 4 weeks, 52
  weeks of history), the recommendations (``_compute_pairs`` as of that day) applied to
  the reordering rules (``action_apply``); every day: the recommendations again and the
  balancing proposals (excess and rescues) turned into transfers as an inventory
  manager does it (``action_create_transfer``: with ``omni_stock_transfer``, a store
  transfer request, approved at once as no approval rule is set), sent at once and
  received the next day; every replenishment setting at the addon's defaults (fill
  rate targets per ABC class 97.5 / 96 / 92 %, donors above 6 weeks of cover, transfer
  cost 1.00, review period 7 days; ``OMNI_BENCH_REPLENISH_SERVICE=0.98,0.95,0.90`` to
  try other targets);
- the static policy: every 30 days, min = the last 30 days' sales per day × (promised
  lead time + 7 days), max = min + 7 days of those sales (the spreadsheet rule), no
  balancing.

Figures:

- ``replenish_fill_rate`` (goal >= 0.98) and ``replenish_static_fill_rate``: units sold /
  units demanded;
- ``replenish_onhand_vs_static_ratio`` (goal <= 0.80 at equal or better fill): average
  units on hand (every node, end of day), the suite's ÷ the static policy's;
- ``replenish_transfers_share`` (goal >= 0.30): units a balancing transfer saved ÷ (those
  units + units lost at a node while the rest of the network had stock). Saved: over the
  5 days after it arrived, the receiving node's sales replayed day by day (its shelf,
  its vendor receipts as they came, its demand) without the transfer minus with it,
  less what the donor lost over the 5 days after sending it that it would not have
  lost keeping it; at most the units moved;
- ``replenish_run_seconds_100k`` with ``OMNI_BENCH_REPLENISH_FULL=1`` (100,000 product ×
  warehouse pairs: 10,000 products × 10 warehouses; ``replenish_run_seconds`` for the
  5,000 pairs of CI size): a run (``omni.stock.replenish.run``) from start to done, its
  batches done in this process one after the other (goal < 600 at 100,000);
- ``scorecard_seconds_500_vendors_24_months`` (goal < 5): the snapshots of 24 months of
  500 vendors (48,000 purchase lines with their receipts, some partial, late or
  returned), median of 3.

``OMNI_BENCH_REPLENISH_DEBUG=1`` (or a file name: the lines go there too) prints where
each policy lost its units: per node, product and day with a lost sale, the demand, the
shelf, the orders on their way, the rule and the recommendation in force, the nodes
holding stock above their reorder point, and a cause (late receipt, ordered late,
stale rule, no order), with a summary per cause and node.

Alone: ``python3 tests/bench/bench_replenish.py -c .odoo.conf -d <scale database>``.
"""

import datetime
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.tools import SQL

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402

PARAM = "omni_bench.replenish"
VERSION = "2"
FULL = os.environ.get("OMNI_BENCH_REPLENISH_FULL") == "1"
SIM_CATALOG = 20
SIM_PRODUCTS = min(SIM_CATALOG, int(os.environ.get(
    "OMNI_BENCH_REPLENISH_SIM_PRODUCTS", SIM_CATALOG if FULL else 2)))
RUN_PRODUCTS = 10_000 if FULL else 500
RUN_WAREHOUSES = 10
VENDORS, MONTHS, LINES_PER_MONTH = 500, 24, 4
STORES = 3
HISTORY_DAYS = 364
DAYS = int(os.environ.get("OMNI_BENCH_REPLENISH_DAYS", 364 if FULL else 91))
PROMISE = 5
LEAD_MEAN, LEAD_SD = 6.0, 1.5
# the demand and the lead times drawn: another seed, another year of the same shape
SEED = int(os.environ.get("OMNI_BENCH_REPLENISH_SEED", "24"))
SERVICE = tuple(float(x) for x in os.environ.get(
    "OMNI_BENCH_REPLENISH_SERVICE", "").split(",") if x)  # A, B, C (none: the defaults)
# the company's replenishment settings: the simulation runs with the addon's defaults
SETTINGS = ("omni_repl_service_a", "omni_repl_service_b", "omni_repl_service_c",
            "omni_repl_review_days", "omni_repl_default_lead_days",
            "omni_repl_overstock_weeks", "omni_repl_age_days", "omni_repl_balance_weeks",
            "omni_repl_transfer_cost", "omni_repl_lt_tolerance_days")
ADDON = "omni_stock_replenish"
# balancing proposals go through the store transfer requests (the glue auto-installs)
ADDONS = (ADDON, "omni_stock_transfer", "omni_stock_replenish_transfer")
VERBOSE = os.environ.get("OMNI_BENCH_VERBOSE") == "1"
# where each policy loses its units: a line per node × product × day with a lost sale
# and a summary per cause (stderr); any value but "1": the lines also go to that file
DEBUG = os.environ.get("OMNI_BENCH_REPLENISH_DEBUG", "")


def lead_times(rng, shape):
    """Actual lead times in days, drawn from N(LEAD_MEAN, LEAD_SD), at least 2."""
    return np.maximum(2, np.round(rng.normal(LEAD_MEAN, LEAD_SD, shape))).astype(int)


def bench_db(db):
    return f"{db}_replenish"


# ---------------------------------------------------------------------------
# the database
# ---------------------------------------------------------------------------
def build(conf, db):
    wanted = f"{RUN_PRODUCTS}:{VERSION}"
    if scale._db_exists(conf, db):
        with odoo.modules.registry.Registry(db).cursor() as cr:
            current = api.Environment(cr, SUPERUSER_ID, {})["ir.config_parameter"].get_param(
                PARAM)
        if current == wanted:
            for addon in ADDONS:
                scale.ensure_installed(conf, db, addon)
            return
        if current:  # other sizes: a new database (none: installed, not generated yet)
            odoo.modules.registry.Registry.delete(db)
            scale._drop(conf, db)
    started = time.monotonic()
    if not scale._db_exists(conf, db):
        subprocess.check_call(
            [sys.executable, "-m", "odoo", "-c", conf, "-d", db, "-i", ",".join(ADDONS[:2]),
             "--stop-after-init", "--without-demo=all", "--log-level=warn"],
            stdout=subprocess.DEVNULL)
    for addon in ADDONS:
        scale.ensure_installed(conf, db, addon)
    with odoo.modules.registry.Registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        _generate(env)
        env["ir.config_parameter"].set_param(PARAM, wanted)
        cr.commit()
        cr.execute("ANALYZE")
    scale._logger.warning("replenish database %s built in %.0f s", db,
                          time.monotonic() - started)


def _generate(env):
    company = env.company
    Warehouse = env["stock.warehouse"]
    central = Warehouse.search([("company_id", "=", company.id)], limit=1)
    central.write({"name": "Central", "code": "CEN"})
    stores = Warehouse.create([{"name": f"Store {i}", "code": f"ST{i}"}
                               for i in range(1, STORES + 1)])
    extra = Warehouse.create([{"name": f"Node {i}", "code": f"ND{i}"}
                              for i in range(1, RUN_WAREHOUSES - STORES)])
    warehouses = central | stores | extra
    vendors = env["res.partner"].create(
        [{"name": f"Bench vendor {i:03d}", "supplier_rank": 1} for i in range(VENDORS)])
    categories = env["product.category"].create(
        [{"name": f"Bench replenish category {i}"} for i in range(10)])
    # the run's catalog: forecasts (13 weeks), stock and a vendor per product
    products = env["product.product"]
    for start in range(0, RUN_PRODUCTS, 1000):
        products |= env["product.product"].create([
            {"name": f"Replenish product {i:06d}", "default_code": f"RP-{i:06d}",
             "type": "consu", "is_storable": True, "categ_id": categories[i % 10].id,
             "list_price": 20.0, "standard_price": 10.0}
            for i in range(start, min(start + 1000, RUN_PRODUCTS))])
    env.flush_all()
    cr = env.cr
    today = datetime.date.today()
    monday = today - datetime.timedelta(days=today.weekday())
    cr.execute(SQL(
        """
        INSERT INTO product_supplierinfo (partner_id, product_tmpl_id, currency_id, delay,
                                          min_qty, price, sequence, company_id)
        SELECT (%(vendors)s::int[])[1 + mod(pp.id, %(nv)s)], pp.product_tmpl_id,
               %(currency)s, 5, 0, 10.0, 1, %(company)s
          FROM product_product pp WHERE pp.id = ANY(%(products)s);
        INSERT INTO omni_stock_forecast_series (product_id, warehouse_id, location_id,
               company_id, method, mae_seasonal_naive)
        SELECT pp.id, wh.id, wh.lot_stock_id, %(company)s, 'seasonal_naive',
               1 + mod(pp.id, 5)
          FROM product_product pp CROSS JOIN stock_warehouse wh
         WHERE pp.id = ANY(%(products)s) AND wh.id = ANY(%(warehouses)s);
        INSERT INTO omni_stock_forecast_line (series_id, product_id, warehouse_id,
               company_id, week_start, lag, method, level, season, figure, system_qty)
        SELECT s.id, s.product_id, s.warehouse_id, s.company_id,
               %(monday)s::date + 7 * g, g + 1, 'seasonal_naive', 5 + mod(s.id, 20),
               mod(g, 4) - 1.5, 5 + mod(s.id, 20) + mod(g, 4) - 1.5,
               5 + mod(s.id, 20) + mod(g, 4) - 1.5
          FROM omni_stock_forecast_series s CROSS JOIN generate_series(0, 12) g
         WHERE s.product_id = ANY(%(products)s);
        INSERT INTO stock_quant (product_id, location_id, company_id, quantity,
                                 reserved_quantity, in_date)
        SELECT pp.id, wh.lot_stock_id, %(company)s, mod(pp.id * 7 + wh.id * 13, 60), 0,
               now() AT TIME ZONE 'UTC'
          FROM product_product pp CROSS JOIN stock_warehouse wh
         WHERE pp.id = ANY(%(products)s) AND wh.id = ANY(%(warehouses)s);
        """,
        vendors=vendors.ids, nv=len(vendors), currency=company.currency_id.id,
        company=company.id, products=products.ids, warehouses=warehouses.ids,
        monday=monday))
    _generate_purchases(env, vendors, products, central)
    _generate_simulation(env, central, stores)


def _generate_purchases(env, vendors, products, central):
    """24 months × 500 vendors × 4 lines, set-based: a line of 10-40 units promised in
    its month; 85 % received in full, 10 % partly, 5 % not yet; a receipt 3-12 days
    after the order (promised 5); 3 % of the lines with 1 unit returned."""
    cr = env.cr
    company = env.company
    supplier = env.ref("stock.stock_location_suppliers")
    uom = env.ref("uom.product_uom_unit")
    today = datetime.date.today().replace(day=1)
    cr.execute(SQL(
        """
        CREATE TEMP TABLE bench_po ON COMMIT DROP AS
        SELECT v.vendor, v.rank, m.month,
               (date_trunc('month', %(today)s::date) - make_interval(months => m.month)
                + make_interval(days => mod(v.rank * 7 + m.month, 25)::int))::timestamp AS ordered
          FROM unnest(%(vendors)s::int[]) WITH ORDINALITY AS v(vendor, rank)
         CROSS JOIN generate_series(1, %(months)s) AS m(month);
        WITH po AS (
            INSERT INTO purchase_order (name, partner_id, currency_id, company_id, date_order,
                                        date_approve, picking_type_id, state, create_uid,
                                        create_date, write_uid, write_date)
            SELECT 'BENCH/' || b.vendor || '/' || b.month, b.vendor, %(currency)s,
                   %(company)s, b.ordered, b.ordered, %(ptype)s, 'purchase', 1,
                   now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC'
              FROM bench_po b
            RETURNING id, partner_id, date_approve
        )
        INSERT INTO purchase_order_line (order_id, name, product_id, product_qty,
               product_uom_qty, product_uom, price_unit, date_planned, company_id,
               partner_id, state, currency_id, create_uid, create_date, write_uid, write_date)
        SELECT po.id, 'bench line', (%(products)s::int[])[1 + mod(po.id * 4 + k, %(np)s)],
               10 + mod(po.id * 7 + k * 3, 31), 10 + mod(po.id * 7 + k * 3, 31), %(uom)s,
               CASE WHEN mod(po.id + k, 5) = 0 THEN 10.5 ELSE 10.0 END,
               po.date_approve + interval '5 days', %(company)s, po.partner_id,
               'purchase', %(currency)s, 1, now() AT TIME ZONE 'UTC', 1,
               now() AT TIME ZONE 'UTC'
          FROM po CROSS JOIN generate_series(1, %(lines)s) AS k;
        INSERT INTO stock_move (name, company_id, product_id, product_uom, product_uom_qty,
               product_qty, quantity, location_id, location_dest_id, procure_method, state,
               date, purchase_line_id, picking_type_id, create_uid, create_date, write_uid,
               write_date)
        SELECT 'bench receipt', %(company)s, pol.product_id, %(uom)s, pol.product_uom_qty,
               pol.product_uom_qty,
               CASE WHEN mod(pol.id, 10) = 0 THEN pol.product_uom_qty - 5
                    ELSE pol.product_uom_qty END,
               %(supplier)s, %(stock)s, 'make_to_stock', 'done',
               po.date_approve + make_interval(days => 3 + mod(pol.id, 10)::int), pol.id,
               %(ptype)s, 1, now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC'
          FROM purchase_order_line pol JOIN purchase_order po ON po.id = pol.order_id
         WHERE left(po.name, 6) = 'BENCH/' AND mod(pol.id, 20) <> 7;
        INSERT INTO stock_move (name, company_id, product_id, product_uom, product_uom_qty,
               product_qty, quantity, location_id, location_dest_id, procure_method, state,
               date, purchase_line_id, create_uid, create_date, write_uid, write_date)
        SELECT 'bench return', %(company)s, pol.product_id, %(uom)s, 1, 1, 1, %(stock)s,
               %(supplier)s, 'make_to_stock', 'done',
               po.date_approve + interval '15 days', pol.id, 1,
               now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC'
          FROM purchase_order_line pol JOIN purchase_order po ON po.id = pol.order_id
         WHERE left(po.name, 6) = 'BENCH/' AND mod(pol.id, 33) = 3;
        """,
        today=today, vendors=vendors.ids, months=MONTHS, currency=company.currency_id.id,
        company=company.id, ptype=central.in_type_id.id, products=products.ids,
        np=len(products), uom=uom.id, lines=LINES_PER_MONTH, supplier=supplier.id,
        stock=central.lot_stock_id.id))


def _demand(n_products, nodes):
    """Daily demand (nodes, products, a year of history + the simulated days); the
    same for both policies."""
    rng = np.random.default_rng(SEED)
    total = HISTORY_DAYS + DAYS
    days = np.arange(total)
    level = np.empty((nodes, n_products))
    level[0] = rng.uniform(2.0, 4.0, n_products)  # central: the web shop's orders
    level[1:] = rng.uniform(0.6, 2.0, (nodes - 1, n_products))
    peak = rng.uniform(0, 364, n_products)
    strength = rng.uniform(0.1, 0.5, n_products)
    season = 1 + strength[None, :, None] * np.cos(
        2 * np.pi * (days[None, None, :] - peak[None, :, None]) / 364)
    promo = np.ones((n_products, total))
    weeks = np.arange(HISTORY_DAYS, total - 7, 7)
    for p in range(n_products):
        for start in rng.choice(weeks, min(2, len(weeks)), replace=False):
            promo[p, start:start + 7] = 1.8
    rate = level[:, :, None] * season * promo[None, :, :]
    return rng.poisson(rate).astype(float)


def _generate_simulation(env, central, stores):
    vendor = env["res.partner"].create({"name": "Simulation vendor", "supplier_rank": 1})
    buy = env.ref("purchase_stock.route_warehouse0_buy")
    categ = env["product.category"].create({"name": "Simulation"})
    products = env["product.product"].create([{
        "name": f"Simulated product {i:02d}", "default_code": f"SIM-{i:02d}",
        "type": "consu", "is_storable": True, "categ_id": categ.id,
        "list_price": 25.0, "standard_price": 10.0, "route_ids": [Command.set(buy.ids)],
        "seller_ids": [Command.create({"partner_id": vendor.id, "delay": PROMISE,
                                       "price": 10.0})],
    } for i in range(SIM_CATALOG)])
    env["ir.config_parameter"].set_param(
        "omni_bench.replenish.sim", ",".join(str(i) for i in products.ids))


# ---------------------------------------------------------------------------
# the simulation
# ---------------------------------------------------------------------------
class Simulation:
    def __init__(self, env, policy, demand, products, nodes, start):
        self.env = env
        self.policy = policy
        self.demand = demand  # nodes x products x days (the simulated year)
        self.products = products
        self.nodes = nodes
        self.start = start  # date of simulated day 0
        self.company = env.company
        self.customers = env.ref("stock.stock_location_customers")
        # lead times: the same draws for both policies, per node and day ordered (an
        # order the other policy places on another day, or not at all, leaves the lead
        # times of the other orders as they are)
        self.rng = np.random.default_rng(SEED + 1)
        self.lead_draws = lead_times(self.rng, (len(nodes), DAYS))
        self.stock = np.zeros((len(nodes), len(products)))
        self.on_order = np.zeros((len(nodes), len(products)))
        self.sold = np.zeros_like(demand)
        self.lost = np.zeros_like(demand)
        self.onhand = []
        self.pending = {}  # day -> [picking]
        self.transfers_in = {}  # day -> [(picking, node, product, qty)]
        self.moved = []  # (source, destination, product, day sent, qty)
        self.shelf = np.zeros_like(demand)  # on hand when the day's sales start
        self.received = np.zeros_like(demand)
        self.lost_with_network = 0.0
        self.orderpoints = {}
        self.transfer_count = 0
        self.seconds_procurement = 0.0
        self.open_orders = {}  # (node, product) -> [(day ordered, day due, qty)]
        self.trace = []  # DEBUG: a dict per node × product × day with a lost sale

    def at(self, day, hour=12):
        return datetime.datetime.combine(self.start + datetime.timedelta(days=day),
                                         datetime.time(hour))

    def setup(self, history):
        """Stock of 3 weeks of demand per node, a reordering rule per node and
        product, a year of sales before day 0 as done deliveries and the year's
        purchases with their receipts."""
        env = self.env
        Quant = env["stock.quant"]
        for n, wh in enumerate(self.nodes):
            for p, product in enumerate(self.products):
                qty = math.ceil(history[n, p, -21:].sum())
                Quant._update_available_quantity(product, wh.lot_stock_id, qty)
                self.stock[n, p] = qty
                self.orderpoints[(n, p)] = env["stock.warehouse.orderpoint"].create({
                    "product_id": product.id, "warehouse_id": wh.id,
                    "location_id": wh.lot_stock_id.id, "trigger": "auto",
                    "product_min_qty": 0, "product_max_qty": 0,
                })
        rows = [(n, p, d - HISTORY_DAYS, history[n, p, d]) for n in range(len(self.nodes))
                for p in range(len(self.products)) for d in range(HISTORY_DAYS)
                if history[n, p, d] > 0]
        self._write_sales(rows)
        self._write_receipts(history)
        # ABC classes from the year of history (the count addon's classification)
        self.env.flush_all()
        self.nodes.write({"omni_abc_window_days": HISTORY_DAYS + 7 * math.ceil(DAYS / 7) + 7})
        self.env["omni.stock.abc.class"]._omni_classify(self.nodes)
        # the addon's defaults (a database built by an older bench may hold others)
        company = self.company
        company.write({name: company._fields[name].default(company) for name in SETTINGS})
        if SERVICE:
            company.write(dict(zip(SETTINGS[:3], SERVICE, strict=True)))

    def _write_receipts(self, history):
        """The year of history's purchases: each node orders every 7 days what it sold
        the 7 days before, received after a lead time drawn as the simulation's (draws
        of their own): on day 0 the supplier scorecards know the vendor, as a
        retailer's would after a year of buying from it."""
        weeks = range(7 - HISTORY_DAYS, 0, 7)
        leads = lead_times(np.random.default_rng(SEED + 2), (len(self.nodes), len(weeks)))
        vendor = self.products.seller_ids.partner_id[:1]
        company = self.company
        uom = self.env.ref("uom.product_uom_unit").id
        supplier = self.env.ref("stock.stock_location_suppliers").id
        for n, wh in enumerate(self.nodes):
            for week, day in enumerate(weeks):
                lead = int(leads[n, week])
                qty = history[n, :, HISTORY_DAYS + day - 7:HISTORY_DAYS + day].sum(axis=1)
                if day + lead >= 0 or not qty.any():
                    continue
                self.env.cr.execute(SQL(
                    """
                    WITH po AS (
                        INSERT INTO purchase_order (name, partner_id, currency_id,
                               company_id, date_order, date_approve, picking_type_id, state,
                               create_uid, create_date, write_uid, write_date)
                        VALUES (%(name)s, %(vendor)s, %(currency)s, %(company)s,
                                %(ordered)s, %(ordered)s, %(ptype)s, 'purchase', 1,
                                now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC')
                        RETURNING id
                    ), pol AS (
                        INSERT INTO purchase_order_line (order_id, name, product_id,
                               product_qty, product_uom_qty, product_uom, price_unit,
                               date_planned, company_id, partner_id, state, currency_id,
                               create_uid, create_date, write_uid, write_date)
                        SELECT po.id, 'sim purchase', v.product, v.qty, v.qty, %(uom)s, 10.0,
                               %(planned)s, %(company)s, %(vendor)s, 'purchase',
                               %(currency)s, 1, now() AT TIME ZONE 'UTC', 1,
                               now() AT TIME ZONE 'UTC'
                          FROM po, unnest(%(products)s::int[], %(qty)s::float8[])
                               AS v(product, qty)
                         WHERE v.qty > 0
                        RETURNING id, product_id, product_uom_qty
                    )
                    INSERT INTO stock_move (name, company_id, product_id, product_uom,
                           product_uom_qty, product_qty, quantity, location_id,
                           location_dest_id, procure_method, state, date, purchase_line_id,
                           picking_type_id, create_uid, create_date, write_uid, write_date)
                    SELECT 'sim receipt', %(company)s, pol.product_id, %(uom)s,
                           pol.product_uom_qty, pol.product_uom_qty, pol.product_uom_qty,
                           %(supplier)s, %(stock)s, 'make_to_stock', 'done', %(received)s,
                           pol.id, %(ptype)s, 1, now() AT TIME ZONE 'UTC', 1,
                           now() AT TIME ZONE 'UTC'
                      FROM pol
                    """,
                    name=f"SIM/{wh.code}/{day}", vendor=vendor.id,
                    currency=company.currency_id.id, company=company.id,
                    ordered=self.at(day, 9), ptype=wh.in_type_id.id, uom=uom,
                    planned=self.at(day + PROMISE, 9), products=self.products.ids,
                    qty=[float(q) for q in qty], supplier=supplier,
                    stock=wh.lot_stock_id.id, received=self.at(day + lead, 8)))

    def _write_sales(self, rows):
        """Done deliveries of (node, product, day, qty), set-based."""
        if not rows:
            return
        uom = self.env.ref("uom.product_uom_unit").id
        self.env.cr.execute(SQL(
            """
            INSERT INTO stock_move (name, company_id, product_id, product_uom,
                   product_uom_qty, product_qty, quantity, location_id, location_dest_id,
                   procure_method, state, date, create_uid, create_date, write_uid,
                   write_date)
            SELECT 'sim sale', %(company)s, v.product, %(uom)s, v.qty, v.qty, v.qty,
                   v.location, %(customers)s, 'make_to_stock', 'done', v.at, 1,
                   now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC'
              FROM unnest(%(products)s::int[], %(locations)s::int[], %(qty)s::float8[],
                          %(at)s::timestamp[]) AS v(product, location, qty, at)
            """,
            company=self.company.id, uom=uom, customers=self.customers.id,
            products=[self.products[p].id for _n, p, _d, _q in rows],
            locations=[self.nodes[n].lot_stock_id.id for n, _p, _d, _q in rows],
            qty=[float(q) for *_x, q in rows], at=[self.at(d) for _n, _p, d, _q in rows]))

    def _sell(self, day):
        want = self.demand[:, :, day]
        sold = np.minimum(want, np.maximum(self.stock, 0))
        self.sold[:, :, day] = sold
        self.lost[:, :, day] = want - sold
        total = self.stock.sum(axis=0)
        for n in range(len(self.nodes)):
            others = total - self.stock[n]
            self.lost_with_network += float(((want[n] - sold[n]) * (others > 0)).sum())
        self.stock -= sold
        rows = [(n, p, day, sold[n, p]) for n in range(len(self.nodes))
                for p in range(len(self.products)) if sold[n, p] > 0]
        self._write_sales(rows)
        # the quants: one set-based update (the deliveries above are their moves)
        self.env.cr.execute(SQL(
            """
            UPDATE stock_quant q SET quantity = q.quantity - v.qty
              FROM unnest(%s::int[], %s::int[], %s::float8[]) AS v(product, location, qty)
             WHERE q.product_id = v.product AND q.location_id = v.location
               AND q.id = (SELECT MIN(id) FROM stock_quant WHERE product_id = v.product
                             AND location_id = v.location AND lot_id IS NULL
                             AND package_id IS NULL AND owner_id IS NULL)
            """,
            [self.products[p].id for _n, p, _d, _q in rows],
            [self.nodes[n].lot_stock_id.id for n, _p, _d, _q in rows],
            [float(q) for *_x, q in rows]))
        self.env["stock.quant"].invalidate_model()

    def _validate(self, pickings, day):
        for picking in pickings:
            if picking.state == "draft":
                picking.action_confirm()
            for move in picking.move_ids:
                move.quantity = move.product_uom_qty
                move.picked = True
            picking._action_done()
        moves = pickings.move_ids
        self.env.flush_all()
        self.env.cr.execute(SQL(
            "UPDATE stock_move SET date = %s WHERE id = ANY(%s);"
            "UPDATE stock_move_line SET date = %s WHERE move_id = ANY(%s)",
            self.at(day, 8), moves.ids, self.at(day, 8), moves.ids))
        self.env.invalidate_all()

    def _node_product(self, move):
        n = next(i for i, wh in enumerate(self.nodes)
                 if move.location_dest_id.warehouse_id == wh)
        p = self.products.ids.index(move.product_id.id)
        return n, p

    def _arrivals(self, day):
        pickings = self.env["stock.picking"].concat(*self.pending.pop(day, []))
        if pickings:
            for move in pickings.move_ids:
                n, p = self._node_product(move)
                self.open_orders[n, p] = [o for o in self.open_orders.get((n, p), [])
                                          if o[1] != day]
                self.stock[n, p] += move.product_uom_qty
                self.on_order[n, p] -= move.product_uom_qty
                self.received[n, p, day] += move.product_uom_qty
            self._validate(pickings, day)
        for picking, n, p, qty in self.transfers_in.pop(day, []):
            self._validate(picking, day)
            self.stock[n, p] += qty

    def _procure(self, day):
        """Odoo's scheduler step for the reordering rules at or below their min."""
        started = time.perf_counter()
        due = self.env["stock.warehouse.orderpoint"]
        for (n, p), orderpoint in self.orderpoints.items():
            if self._position(n, p) <= orderpoint.product_min_qty and (
                    orderpoint.product_max_qty > 0):
                due |= orderpoint
        if due:
            due._procure_orderpoint_confirm(company_id=self.company.id,
                                            raise_user_error=False)
            orders = self.env["purchase.order"].search([("state", "=", "draft")])
            orders.button_confirm()
            for order in orders:
                node, _p = self._node_product(order.picking_ids.move_ids[:1])
                lead = int(self.lead_draws[node, day])
                self.pending.setdefault(day + lead, []).append(order.picking_ids)
                for move in order.picking_ids.move_ids:
                    n, p = self._node_product(move)
                    self.on_order[n, p] += move.product_uom_qty
                    self.open_orders.setdefault((n, p), []).append(
                        (day, day + lead, move.product_uom_qty))
                self.env.flush_all()
                # as of the simulated day: ordered today, scheduled at the promise
                self.env.cr.execute(SQL(
                    "UPDATE purchase_order SET date_order = %s, date_approve = %s"
                    " WHERE id = %s; UPDATE purchase_order_line SET date_planned = %s"
                    " WHERE order_id = %s; UPDATE stock_move SET date = %s"
                    " WHERE picking_id = ANY(%s) AND state NOT IN ('done', 'cancel')",
                    self.at(day, 9), self.at(day, 9), order.id, self.at(day + PROMISE, 9),
                    order.id, self.at(day + PROMISE, 9), order.picking_ids.ids))
            self.env.invalidate_all()
        self.seconds_procurement += time.perf_counter() - started

    def _position(self, n, p):
        return self.stock[n, p] + self.on_order[n, p]

    # policies -------------------------------------------------------------
    def _static(self, day):
        for (n, p), orderpoint in self.orderpoints.items():
            sales = self.sold[n, p, max(0, day - 30):day] if day >= 30 else np.concatenate(
                [self.history[n, p, day - 30:], self.sold[n, p, :day]])
            daily = sales.sum() / 30.0
            minimum = math.ceil(daily * (PROMISE + 7))
            orderpoint.write({"product_min_qty": minimum,
                              "product_max_qty": minimum + math.ceil(daily * 7)})

    def _suite(self, day, week):
        """Every day: the recommendations as of the day and the balancing; every
        Monday: the scorecards and the rules; every 4 weeks: the forecast."""
        env = self.env
        as_of = self.start + datetime.timedelta(days=day)
        Rec = env["omni.stock.replenish.recommendation"].with_context(
            omni_replenish_as_of=as_of)
        if day % 7:
            Rec._compute_pairs(self.company, [(p.id, w.id) for p in self.products
                                              for w in self.nodes])
            self._balance(day)
            return
        env["omni.stock.supplier.scorecard"]._compute_snapshots(
            self.company, date_to=as_of + datetime.timedelta(days=1),
            partner_ids=self.products.seller_ids.partner_id.ids)
        if week % 4 == 0:
            run = env["omni.stock.forecast.run"].create({
                "origin": as_of, "history_weeks": 52, "horizon": 13,
                "warehouse_ids": [Command.set(self.nodes.ids)]})
            run.with_context(queue_job__no_delay=True).action_start()
        Rec._compute_pairs(self.company, [(p.id, w.id) for p in self.products
                                          for w in self.nodes])
        admin = env.ref("base.user_admin")
        recs = Rec.search([("product_id", "in", self.products.ids),
                           ("state", "=", "new")])
        if recs:
            recs.with_user(admin).action_apply()
        self._balance(day)

    def _balance(self, day):
        env = self.env
        admin = env.ref("base.user_admin")
        Balance = env["omni.stock.replenish.balance"]
        proposals = Balance._propose(self.company, products=self.products)
        if proposals:
            proposals.with_user(admin).action_create_transfer()
            transit = self.company.internal_transit_location_id
            for proposal in proposals:
                out = proposal.picking_ids.filtered(lambda p: p.location_dest_id == transit)
                receipt = proposal.picking_ids - out
                # scheduled as of the simulated day: received tomorrow
                self.env.flush_all()
                self.env.cr.execute(SQL(
                    "UPDATE stock_move SET date = %s WHERE picking_id = %s",
                    self.at(day + 1, 8), receipt.id))
                self.env.invalidate_all()
                self._validate(out, day)
                src = self.nodes.ids.index(proposal.source_warehouse_id.id)
                dst = self.nodes.ids.index(proposal.dest_warehouse_id.id)
                p = self.products.ids.index(proposal.product_id.id)
                self.stock[src, p] -= proposal.quantity
                self.transfers_in.setdefault(day + 1, []).append(
                    (receipt, dst, p, proposal.quantity))
                self.moved.append((src, dst, p, day, proposal.quantity))
                self.transfer_count += 1

    def _lost_without(self, n, p, first, delta):
        """Units node ``n`` would have lost from day ``first`` over the window
        (``PROMISE`` days) with ``delta`` more units on its shelf that day, its vendor
        receipts arriving as they did (the simulation's order: receipts, then sales)."""
        window = range(first, min(DAYS, first + PROMISE))
        lost, shelf = 0.0, self.shelf[n, p, first] + delta
        for day in window:
            if day > first:
                shelf += self.received[n, p, day]
            sold = min(self.demand[n, p, day], max(shelf, 0.0))
            lost += self.demand[n, p, day] - sold
            shelf -= sold
        return lost

    def _saved(self, src, dst, p, day, qty):
        """Units a balancing transfer saved: the receiver's lost sales over the window
        after it arrived without it (its shelf that day less the transfer) minus with it
        (what it lost), less what the donor lost over the window after it sent it that
        it would not have lost keeping it; at most the units moved, at least 0."""
        arrived = day + 1
        if arrived >= DAYS:
            return 0.0
        gained = self._lost_without(dst, p, arrived, -qty) - self._lost_without(
            dst, p, arrived, 0.0)
        cost = self._lost_without(src, p, day, 0.0) - self._lost_without(src, p, day, qty)
        return min(qty, max(0.0, gained - cost))

    # where the units are lost (OMNI_BENCH_REPLENISH_DEBUG) ------------------
    def _in_force(self):
        """{(node, product): (rule min, rule max, recommended daily, safety, min, max,
        lead time)}: the reordering rule and the current recommendation."""
        self.env.flush_all()
        self.env.cr.execute(SQL(
            """
            SELECT o.warehouse_id, o.product_id, o.product_min_qty, o.product_max_qty,
                   r.daily_demand, r.safety_qty, r.min_qty, r.max_qty, r.lead_time_mean
              FROM stock_warehouse_orderpoint o
              LEFT JOIN omni_stock_replenish_recommendation r
                ON r.product_id = o.product_id AND r.warehouse_id = o.warehouse_id
             WHERE o.id = ANY(%s)
            """, [op.id for op in self.orderpoints.values()]))
        return {(self.nodes.ids.index(w), self.products.ids.index(p)): row
                for w, p, *row in self.env.cr.fetchall()}

    def _cause(self, n, p, day, rule_min, rec):
        """Why node ``n`` lost units of product ``p`` on ``day`` (first that holds):

        - ``late receipt``: an order placed earlier is past its promised date (the
          vendor's lead time above the promise: the spread of the lead time);
        - ``ordered late``: an order is on its way, on time, but was placed when the
          shelf could not last its lead time (reorder point below the lead-time demand);
        - ``stale rule``: nothing on order, the rule's min below the day's
          recommendation (rules applied once a week);
        - ``no order``: nothing on order, the position above the rule's min when the
          shelf ran out (demand above the reorder point's cover: trend, promotion);
        and ``+ network`` (in the summary) when another node held stock above its
        reorder point."""
        orders = self.open_orders.get((n, p), [])
        if any(due > ordered + PROMISE and day >= ordered + PROMISE
               for ordered, due, _q in orders):
            return "late receipt"
        if orders:
            return "ordered late"
        if rec and rec[4] is not None and rule_min < rec[4]:
            return "stale rule"
        return "no order"

    def _trace(self, day):
        lost = self.lost[:, :, day]
        if not lost.any():
            return
        in_force = self._in_force()
        for n, p in zip(*np.nonzero(lost), strict=True):
            rule_min, rule_max, *rec = in_force.get((n, p)) or (0.0, 0.0) + (None,) * 5
            spare = []
            for m in range(len(self.nodes)):
                other = in_force.get((m, p)) or (0.0,) * 7
                keep = other[0] if self.policy == "static" else (other[4] or 0.0)
                if m != n and self.stock[m, p] > keep:
                    spare.append(f"{self.nodes[m].code}:{self.stock[m, p] - keep:g}")
            self.trace.append({
                "day": day, "node": self.nodes[n].code, "product": p,
                "demand": self.demand[n, p, day], "lost": lost[n, p],
                "shelf": self.shelf[n, p, day], "on_order": self.on_order[n, p],
                "orders": list(self.open_orders.get((n, p), [])),
                "rule": (rule_min, rule_max), "rec": rec, "spare": spare,
                "cause": self._cause(n, p, day, rule_min, rec),
                "demand_7": self.demand[n, p, max(0, day - 6):day + 1].sum(),
            })

    def report(self, path=None):
        """The trace lines (to ``path``) and a summary per cause and node (stderr)."""
        lines = []
        by_cause, by_node = {}, {}
        for t in self.trace:
            rec = t["rec"]
            rec_txt = ("rec d {:.2f} ss {:g} min {:g} max {:g} L {:.1f}".format(*rec)
                       if rec and rec[0] is not None else "rec -")
            orders = " ".join(f"{o}->{d}:{q:g}" for o, d, q in t["orders"]) or "-"
            lines.append(
                f"{self.policy} day {t['day']:3d} {t['node']} p{t['product']}: demand "
                f"{t['demand']:g} lost {t['lost']:g} shelf {t['shelf']:g} on order "
                f"{t['on_order']:g} ({orders}) rule {t['rule'][0]:g}/{t['rule'][1]:g} "
                f"{rec_txt} 7-day demand {t['demand_7']:g} spare "
                f"{','.join(t['spare']) or '-'}: {t['cause']}")
            key = t["cause"] + (" + network" if t["spare"] else "")
            by_cause[key] = by_cause.get(key, 0.0) + t["lost"]
            by_node[t["node"]] = by_node.get(t["node"], 0.0) + t["lost"]
        if path:
            with open(path, "a", encoding="utf-8") as out:
                out.write("\n".join(lines) + "\n")
        print(f"# {self.policy} lost {self.lost.sum():g} of {self.demand.sum():g}: "
              + ", ".join(f"{k} {v:g}" for k, v in sorted(by_cause.items()))
              + " | per node " + ", ".join(f"{k} {v:g}" for k, v in sorted(by_node.items())),
              file=sys.stderr, flush=True)

    def run(self, history):
        self.t0 = time.perf_counter()
        self.history = history
        self.setup(history)
        for day in range(DAYS):
            self._arrivals(day)
            if self.policy == "suite":
                self._suite(day, day // 7)
            elif self.policy == "static" and day % 30 == 0:
                self._static(day)
            self.shelf[:, :, day] = self.stock
            self._sell(day)
            self._procure(day)
            self.onhand.append(float(self.stock.sum()))
            if DEBUG:
                self._trace(day)
            if VERBOSE and day % 28 == 27:
                print(f"# {self.policy} day {day + 1}: fill "
                      f"{self.sold[:, :, :day + 1].sum() / self.demand[:, :, :day + 1].sum():.4f}"
                      f", on hand {np.mean(self.onhand):.1f}, {time.perf_counter() - self.t0:.0f} s"
                      f" (procurement {self.seconds_procurement:.0f} s)", file=sys.stderr,
                      flush=True)
        saved = sum(self._saved(*move) for move in self.moved)
        if DEBUG:
            self.report(None if DEBUG == "1" else DEBUG)
        return {
            "fill": float(self.sold.sum() / self.demand.sum()),
            "onhand": float(np.mean(self.onhand)),
            "saved": saved, "lost_with_network": self.lost_with_network,
            "transfers": self.transfer_count,
            "procurement_seconds": self.seconds_procurement,
        }


def simulate(db):
    registry = odoo.modules.registry.Registry(db)
    results = {}
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        ids = [int(i) for i in env["ir.config_parameter"].get_param(
            "omni_bench.replenish.sim").split(",")]
    ids = ids[:SIM_PRODUCTS]
    demand = _demand(len(ids), STORES + 1)
    history, year = demand[:, :, :HISTORY_DAYS], demand[:, :, HISTORY_DAYS:]
    today = datetime.date.today()
    start = today - datetime.timedelta(days=today.weekday() + 7 * math.ceil(DAYS / 7) + 7)
    for policy in ("static", "suite"):
        started = time.perf_counter()
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            products = env["product.product"].browse(ids)
            central = env["stock.warehouse"].search([("code", "=", "CEN")])
            stores = env["stock.warehouse"].search([("code", "like", "ST")], order="code")
            sim = Simulation(env, policy, year, products, central | stores, start)
            results[policy] = sim.run(history)
            cr.rollback()
        results[policy]["seconds"] = time.perf_counter() - started
    return results


def run_seconds(db):
    """A replenishment run over every product × warehouse of the run's catalog."""
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        env["omni.stock.supplier.scorecard"]._compute_snapshots(env.company)
        cr.commit()
        run = env["omni.stock.replenish.run"].create({})
        started = time.perf_counter()
        run.with_context(queue_job__no_delay=True).action_start()
        run.invalidate_recordset()
        seconds = time.perf_counter() - started
        count, state = run.recommendation_count, run.state
        cr.rollback()
    return seconds, count, state


def scorecard_seconds(db):
    registry = odoo.modules.registry.Registry(db)
    runs = []
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        Scorecard = env["omni.stock.supplier.scorecard"]
        today = datetime.date.today().replace(day=1)
        date_from = today - datetime.timedelta(days=31 * MONTHS)
        for _i in range(3):
            started = time.perf_counter()
            Scorecard._compute_snapshots(env.company, date_from=date_from)
            runs.append(time.perf_counter() - started)
        cr.execute("SELECT COUNT(*), COUNT(DISTINCT partner_id), COUNT(DISTINCT month),"
                   " MAX(unit_fill_rate), MAX(otif_rate) FROM omni_stock_supplier_scorecard")
        stats = cr.fetchone()
        cr.rollback()
    return statistics.median(runs), stats


def run(conf, db):
    db = bench_db(db)
    build(conf, db)
    out = {}
    seconds, stats = scorecard_seconds(db)
    out["scorecard_seconds_500_vendors_24_months"] = round(seconds, 3)
    out["scorecard_snapshots"] = stats[0]
    out["scorecard_rates_at_most_1"] = int(max(stats[3] or 0, stats[4] or 0) <= 1.0)
    seconds, count, state = run_seconds(db)
    name = "replenish_run_seconds_100k" if count >= 100_000 else "replenish_run_seconds"
    out[name] = round(seconds, 2)
    out["replenish_run_pairs"] = count
    sim = simulate(db)
    suite, static = sim["suite"], sim["static"]
    out["replenish_sim_products_nodes_days"] = f"{SIM_PRODUCTS}x{STORES + 1}x{DAYS}"
    out["replenish_fill_rate"] = round(suite["fill"], 4)
    out["replenish_static_fill_rate"] = round(static["fill"], 4)
    out["replenish_onhand_vs_static_ratio"] = round(suite["onhand"] / static["onhand"], 3)
    denominator = suite["saved"] + suite["lost_with_network"]
    out["replenish_transfers_share"] = round(suite["saved"] / denominator, 3) if (
        denominator) else "no stockout"
    out["replenish_transfers"] = suite["transfers"]
    out["replenish_sim_seconds"] = round(suite["seconds"] + static["seconds"], 1)
    return out


if __name__ == "__main__":
    scale.run_alone(run, __doc__)
