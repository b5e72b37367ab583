"""Cycle counts on the scale database: classification, plan, and applying counts.

``run(conf, db)`` returns ``{name: value}`` (``make bench`` prints them). Installs
``omni_stock_cycle_count`` in ``db`` when missing; everything else happens in a
transaction that is rolled back.

- ``abc_classify_seconds``: ABC classification of the bench warehouse (one statement)
  on a generated sales history (done deliveries of every third product over 90 days).
- ``count_plan_seconds``: planning the counts of the next 30 days (every stocked product
  x location is a candidate; 200 lines per working day).
- ``count_apply_lines_per_second``: submitting counted task lines as a plain inventory
  user: expected snapshot, variance and tolerance, reconciliation with the moves since
  the count, the adjustment policy (reason "cycle count", thresholds, separation of
  duties, audit log), the inventory moves, pick-short release and accuracy measurement.
- ``native_apply_lines_per_second``: Odoo's own apply (``stock.quant._apply_inventory``,
  the work of *Apply* / ``action_apply_inventory``, without this suite's policy) on the
  same number of counted quants, in the same run.
- ``count_vs_native_ratio``: the first rate ÷ the second. The products of both sides
  were adjusted before (their quant in the inventory loss location exists), so neither
  side creates quants the other updates. Each side applies two batches, interleaved
  (count, Odoo, Odoo, count), so that what drifts over the run (caches warming, tables
  growing, the machine's other work) weighs on both alike: measured one after the
  other, the side going first ran up to 15% faster.

``OMNI_BENCH_COUNT_LINES`` sets the lines of a batch (default 5,000 on the 10,000-product
catalog, 300 on smaller ones so ``make bench`` on CI's small catalog stays short); a
submit is one location's task, as counters submit them.
"""

import os
import sys
import time
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, Command, api, fields
from odoo.addons.stock.models.stock_quant import StockQuant as OdooQuant

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402

ADDON = "omni_stock_cycle_count"


def _sales_history(env, warehouse):
    """Done deliveries out of the warehouse's locations: 1 to 4 per third product."""
    customer = env.ref("stock.stock_location_customers")
    env.flush_all()
    env.cr.execute(
        """
        UPDATE product_product pp
           SET standard_price = jsonb_build_object(%(company)s::text, 1 + pp.id %% 50)
          FROM product_template pt
         WHERE pt.id = pp.product_tmpl_id AND pt.is_storable;
        INSERT INTO stock_move (name, product_id, product_uom_qty, product_qty, product_uom,
                                location_id, location_dest_id, location_final_id, company_id,
                                state, date, procure_method, reference,
                                create_uid, write_uid, create_date, write_date)
        SELECT 'Bench sale', s.product_id, 1 + s.product_id %% 7, 1 + s.product_id %% 7,
               pt.uom_id, s.location_id, %(customer)s, %(customer)s, %(company)s, 'done',
               %(now)s - (n || ' days')::interval, 'make_to_stock', 'BENCH/OUT',
               1, 1, now(), now()
          FROM (SELECT DISTINCT ON (q.product_id) q.product_id, q.location_id
                  FROM stock_quant q JOIN stock_location l ON l.id = q.location_id
                 WHERE l.warehouse_id = %(warehouse)s AND l.usage = 'internal'
                   AND q.product_id %% 3 = 0
                 ORDER BY q.product_id, q.location_id) s
          JOIN product_product pp ON pp.id = s.product_id
          JOIN product_template pt ON pt.id = pp.product_tmpl_id
         CROSS JOIN generate_series(1, 1 + s.product_id %% 4) AS n
        """,
        {"company": warehouse.company_id.id, "customer": customer.id,
         "warehouse": warehouse.id, "now": fields.Datetime.now()},
    )


def _count_tasks(env, warehouse, quants):
    """One task per location with a line per quant, each counted one more than on hand."""
    Task = env["omni.stock.count.task"]
    by_location = {}
    for quant in quants:
        by_location.setdefault(quant.location_id, []).append(quant)
    tasks = Task.create([
        {"location_id": location.id, "warehouse_id": warehouse.id, "trigger": "manual",
         "line_ids": [Command.create({"product_id": q.product_id.id}) for q in group]}
        for location, group in by_location.items()
    ])
    lines = tasks.line_ids
    lines._omni_snapshot_expected()
    quantity = {(q.product_id.id, q.location_id.id): q.quantity for q in quants}
    env["omni.stock.count.entry"].create([
        {"line_id": line.id, "user_id": env.uid, "round": 1,
         "quantity": quantity[line.product_id.id, line.location_id.id] + 1}
        for line in lines
    ])
    return tasks


def _adjusted_before(env, quants):
    """Each product of ``quants`` has been adjusted before, as on a live database: its
    quant in the inventory loss location exists (0 units), so both sides update it and
    neither creates it (the counted lines and Odoo's take their products from the same
    location: without this, only the side measured first would create them)."""
    loss = quants.product_id[:1].with_company(env.company).property_stock_inventory
    env.flush_all()
    env.cr.execute(
        """
        INSERT INTO stock_quant (product_id, location_id, company_id, quantity,
                                 reserved_quantity, in_date, create_uid, write_uid,
                                 create_date, write_date)
        SELECT p.id, %(loss)s, %(company)s, 0, 0, now(), 1, 1, now(), now()
          FROM unnest(%(products)s::int[]) AS p(id)
         WHERE NOT EXISTS (SELECT 1 FROM stock_quant q
                            WHERE q.product_id = p.id AND q.location_id = %(loss)s
                              AND q.lot_id IS NULL AND q.package_id IS NULL
                              AND q.owner_id IS NULL)
        """,
        {"loss": loss.id, "company": env.company.id, "products": quants.product_id.ids},
    )
    env.invalidate_all()


def _count_seconds(env, warehouse, user, quants):
    """Submit, as ``user``, tasks counting each of ``quants`` one more than on hand."""
    tasks = _count_tasks(env, warehouse, quants)
    env.flush_all()
    env.invalidate_all()
    started = time.perf_counter()
    for task in tasks:  # one location at a time, as counters submit
        task.with_user(user).action_submit()
    env.flush_all()
    seconds = time.perf_counter() - started
    assert set(tasks.mapped("state")) == {"done"}, tasks.mapped("state")
    return seconds


def _native_seconds(env, user, quants):
    """Odoo's own apply, as ``user``, of ``quants`` counted one more than on hand."""
    from odoo.addons.omni_stock_adjustment.tools import trusted_adjustment  # noqa: PLC0415

    quants = quants.with_user(user).with_context(inventory_mode=True)
    for quant in quants:
        quant.inventory_quantity = quant.quantity + 1
    env.flush_all()
    env.invalidate_all()
    started = time.perf_counter()
    with trusted_adjustment():  # Odoo's own apply, none of the suite's policy
        OdooQuant._apply_inventory(quants)
    env.flush_all()
    return time.perf_counter() - started


def run(conf_path, db_name):
    """The figures; Odoo's configuration must already be parsed from ``conf_path``."""
    scale.ensure_installed(conf_path, db_name, ADDON)
    with odoo.modules.registry.Registry(db_name).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        env.company.write({"omni_adj_threshold_qty": 0, "omni_adj_threshold_value": 0})
        channel = env["omni.channel"].search([("code", "=", "bench")], limit=1)
        warehouse = channel.warehouse_ids[:1]
        products = env["product.product"].search_count([("is_storable", "=", True)])
        lines = int(os.environ.get("OMNI_BENCH_COUNT_LINES",
                                   5000 if products >= 10_000 else 300))
        # every count line within tolerance: the bench measures the apply, not recounts
        warehouse.write({f"omni_count_tol_{kind}_{cls}": 1e6
                         for kind in ("qty", "value") for cls in "abc"})
        warehouse.omni_count_capacity = 200
        _sales_history(env, warehouse)
        Abc = env["omni.stock.abc.class"]
        started = time.perf_counter()
        Abc._omni_classify(warehouse)
        env.flush_all()
        classify = time.perf_counter() - started

        started = time.perf_counter()
        planned = env["omni.stock.count.task"]._omni_generate_plan(warehouse, horizon_days=30)
        env.flush_all()
        plan = time.perf_counter() - started
        planned_lines = len(planned.line_ids)
        planned.line_ids.unlink()
        planned.unlink()

        user = env["res.users"].create({
            "name": "bench count", "login": "bench_count_user",
            "groups_id": [Command.set([env.ref("stock.group_stock_user").id])],
        })
        quants = env["stock.quant"].search(
            [("location_id.warehouse_id", "=", warehouse.id),
             ("location_id.omni_status", "=", "sellable"), ("reserved_quantity", "=", 0),
             ("quantity", ">", 0)],
            order="location_id, product_id", limit=4 * lines)
        counted, native = quants[:2 * lines], quants[2 * lines:4 * lines]
        _adjusted_before(env, quants)

        count_seconds = _count_seconds(env, warehouse, user, counted[:lines])
        native_seconds = _native_seconds(env, user, native[:lines])
        native_seconds += _native_seconds(env, user, native[lines:])
        count_seconds += _count_seconds(env, warehouse, user, counted[lines:])
        count_rate = len(counted) / count_seconds
        native_rate = len(native) / native_seconds
        cr.rollback()
    return {
        "count_lines": len(counted),
        "abc_classify_seconds": round(classify, 2),
        "count_plan_seconds": round(plan, 2),
        "count_plan_lines": planned_lines,
        "count_apply_lines_per_second": round(count_rate, 1),
        "native_apply_lines_per_second": round(native_rate, 1),
        "count_vs_native_ratio": round(count_rate / native_rate, 2),
    }


