"""Returns: grading and disposition throughput, and the cost of the resale yield on a
catalog ATS read.

``run(conf, db)`` returns ``{name: value}``. Installs ``omni_stock_return`` in ``db``
when missing. In a transaction that is rolled back, ``LINES`` returns of bench products
(one sale order line per product, the goods put in the warehouse's inspection location)
await inspection; a plain inventory user grades each one (A, B or D) and carries out its
disposition (resell: a validated internal transfer; scrap: a reason-coded scrap).

- ``return_lines``: the number of returns inspected.
- ``return_inspect_per_second``: grade + disposition, returns per second.
- ``return_queries_per_line``: SQL queries per return.
- ``returns_ats_catalog_seconds_without``, ``returns_ats_catalog_seconds_with``: fastest
  of 10 (interleaved, alternating which goes first) lean channel ATS reads of the
  catalog, without the ``returns_expected`` part and with it, once every product of
  the catalog has 2 units awaiting inspection and the history above gives its category
  a yield.
- ``returns_yield_overhead_ratio``: with ÷ without (goal <= 1.10).
- ``returns_single_product_ms``: median of 200 one-product lean reads from the channel's
  maintained state, once these returns are inspected (compare ``ats_single_product_ms``:
  the learned yields are not re-read at each read, their changes are in the change feed).

``OMNI_BENCH_RETURN_LINES`` sets the number of returns (default: 1,000 on catalogs of
5,000 products or more, 200 on CI's small one).
"""

import os
import random
import sys
import time
from pathlib import Path
from unittest.mock import patch

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.tools import SQL

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402


def _lines(products):
    if os.environ.get("OMNI_BENCH_RETURN_LINES"):
        return int(os.environ["OMNI_BENCH_RETURN_LINES"])
    return 1000 if products >= 5000 else 200


def _awaiting_returns(env, count):
    """``count`` returns awaiting inspection (set up directly, not measured)."""
    from odoo.addons.omni_stock_return.tools import return_workflow  # noqa: PLC0415

    warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
    warehouse._omni_ensure_return_locations()
    inspection = warehouse.omni_inspection_location_id
    products = env["product.product"].search(
        [("is_storable", "=", True), ("default_code", "like", "BENCH-")],
        limit=min(count, 500), order="id")
    partner = env["res.partner"].create({"name": "bench returns"})
    order = env["sale.order"].create({
        "partner_id": partner.id, "warehouse_id": warehouse.id,
        "order_line": [Command.create({"product_id": p.id, "product_uom_qty": 1000})
                       for p in products],
    })
    reason = env.ref("omni_stock_return.reason_changed_mind")
    lines = [order.order_line[i % len(products)] for i in range(count)]
    for line in lines:
        env["stock.quant"]._update_available_quantity(line.product_id, inspection, 1)
    now = odoo.fields.Datetime.now()
    with return_workflow():
        returns = env["omni.stock.return"].create([{
            "sale_order_id": order.id, "sale_line_id": line.id, "quantity": 1,
            "warehouse_id": warehouse.id, "reason_id": reason.id, "state": "received",
            "received_date": now, "location_id": inspection.id,
        } for line in lines])
    env.flush_all()
    env.invalidate_all()
    return returns


def _catalog(env, channel, products, with_yield):
    """Seconds of one lean catalog read; without the yield, its figure is 0."""
    engine = env["omni.ats"]
    cls = type(engine)
    env.invalidate_all()
    started = time.perf_counter()
    if with_yield:
        engine.compute(products, channel=channel, detail=False)
    else:
        # neither the yield figure nor the inspection column it reads from the quants'
        # pass (the column stays, at 0)
        with patch.object(cls, "_returns_expected_figures", lambda model, scope: {}), \
                patch.object(cls, "_quant_statuses", lambda model, scope: set()):
            engine.compute(products, channel=channel, detail=False)
    return time.perf_counter() - started


def run(conf_path, db_name):
    scale.ensure_installed(conf_path, db_name, "omni_stock_return")
    with odoo.modules.registry.Registry(db_name).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        env.company.write({"omni_adj_threshold_qty": 0, "omni_adj_threshold_value": 0})
        products = env["product.product"].search([("is_storable", "=", True)])
        count = _lines(len(products))
        user = env["res.users"].create({
            "name": "bench inspector", "login": "bench_return_inspector",
            "groups_id": [Command.set([env.ref("stock.group_stock_user").id])],
        })
        returns = _awaiting_returns(env, count).with_user(user)
        grades = [env.ref(f"omni_stock_return.grade_{code}") for code in ("a", "b", "d")]
        started, queries = time.perf_counter(), cr.sql_log_count
        for index, rma in enumerate(returns):
            grade = grades[index % 3]
            rma.write({"grade_id": grade.id, "disposition": grade.disposition})
            rma.action_inspect_and_dispose()
        env.flush_all()
        seconds = time.perf_counter() - started
        query_count = cr.sql_log_count - queries
        assert set(returns.mapped("state")) == {"disposed"}

        # units awaiting inspection for every product of the catalog (set up directly)
        inspection = returns[0].warehouse_id.omni_inspection_location_id
        cr.execute(SQL("UPDATE stock_quant SET quantity = 2 WHERE location_id = %s",
                       inspection.id))
        cr.execute(SQL(
            """
            INSERT INTO stock_quant (product_id, location_id, company_id, quantity,
                                     reserved_quantity, in_date, create_uid, write_uid,
                                     create_date, write_date)
            SELECT p.id, %(location)s, %(company)s, 2, 0, now(), 1, 1, now(), now()
              FROM product_product p
              JOIN product_template t ON t.id = p.product_tmpl_id AND t.is_storable
             WHERE NOT EXISTS (SELECT 1 FROM stock_quant q
                                WHERE q.product_id = p.id AND q.location_id = %(location)s)
            """, location=inspection.id, company=env.company.id))
        # fresh statistics, as autovacuum keeps them on a live database
        cr.execute("ANALYZE")
        env.invalidate_all()
        channel = env["omni.channel"].search([("code", "=", "bench")])
        runs = {True: [], False: []}
        for round_ in range(10):
            for with_yield in ((False, True) if round_ % 2 else (True, False)):
                runs[with_yield].append(_catalog(env, channel, products, with_yield))
        # the fastest of each: the machine's other load only ever adds time
        without, with_ = min(runs[False]), min(runs[True])
        figures = env["omni.ats"].compute(products[:50], channel=channel, detail=False)
        assert any(f.get("returns_expected") for f in figures.values()), "yield computed"
        # one product from the channel's maintained state, these returns inspected
        env["omni.ats.state"]._refresh(channel)
        single = scale.single_product_ms(env["omni.ats"], channel, products, random.Random(42))
        cr.rollback()
    return {
        "return_lines": count,
        "return_inspect_per_second": round(count / seconds, 1),
        "return_queries_per_line": round(query_count / count, 1),
        "returns_ats_catalog_seconds_without": round(without, 3),
        "returns_ats_catalog_seconds_with": round(with_, 3),
        "returns_yield_overhead_ratio": round(with_ / without, 3),
        "returns_single_product_ms": single,
    }
