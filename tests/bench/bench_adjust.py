"""Applying counted quantities: the adjustment policy against Odoo's own apply.

``run(conf, db)`` returns ``{name: value}`` (``make bench`` prints them). Installs
``omni_stock_adjustment`` in ``db`` when missing. Each side counts ``LINES`` quants of
products of its own (one quant each, in a location of its own) as a plain inventory
user, in a transaction that is rolled back.

- ``adjust_lines``: the number of counted quants per side.
- ``adjust_native_lines_per_second``: Odoo's own ``stock.quant._apply_inventory``
  (the work of *Apply* in Physical Inventory), without this suite's policy.
- ``adjust_policy_lines_per_second``: ``stock.quant._omni_apply_counts`` (reason,
  lock date, thresholds with running totals, separation of duties, audit log, then
  the same inventory moves): the batch entry point meant for cycle counts.
- ``adjust_policy_vs_native_ratio``: policy rate ÷ native rate.
- ``adjust_native_queries_per_line``, ``adjust_policy_queries_per_line``: SQL queries.
- ``adjust_native_cpu_ms_per_line``, ``adjust_policy_cpu_ms_per_line``: CPU time of the
  Odoo process (PostgreSQL's excluded), steadier than rates on a busy machine.
"""

import os
import sys
import time
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.addons.stock.models.stock_quant import StockQuant as OdooQuant

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402

LINES = int(os.environ.get("OMNI_BENCH_ADJUST_LINES", 500))


def _counted_quants(env, user, tag):
    """``LINES`` quants of 10 units, each of its own product, counted at 12."""
    warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
    location = env["stock.location"].create(
        {"name": f"bench adjust {tag}", "location_id": warehouse.lot_stock_id.id})
    products = env["product.product"].create([
        {"name": f"bench adjust {tag} {index}", "is_storable": True, "standard_price": 1.0}
        for index in range(LINES)
    ])
    for product in products:
        env["stock.quant"]._update_available_quantity(product, location, 10)
    quants = env["stock.quant"].search([("location_id", "=", location.id)]).with_user(user)
    env.flush_all()
    env.invalidate_all()
    return quants


def _measure(env, apply):
    """(lines per second, queries per line, Odoo-process CPU ms per line)."""
    started, cpu, queries = time.perf_counter(), time.process_time(), env.cr.sql_log_count
    apply()
    env.flush_all()
    seconds = time.perf_counter() - started
    return (
        LINES / seconds,
        (env.cr.sql_log_count - queries) / LINES,
        (time.process_time() - cpu) * 1000 / LINES,
    )


def run(conf_path, db_name):
    """The figures; Odoo's configuration must already be parsed from ``conf_path``."""
    scale.ensure_installed(conf_path, db_name, "omni_stock_adjustment")
    # importable once the configuration put the suite's addons on the path
    from odoo.addons.omni_stock_adjustment.tools import trusted_adjustment  # noqa: PLC0415

    with odoo.modules.registry.Registry(db_name).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        env.company.write({"omni_adj_threshold_qty": 0, "omni_adj_threshold_value": 0})
        user = env["res.users"].create({
            "name": "bench adjust", "login": "bench_adjust_user",
            "groups_id": [Command.set([env.ref("stock.group_stock_user").id])],
        })
        reason = env["omni.stock.adjustment.reason"].create(
            {"name": "bench adjust", "code": "BENCH-ADJ"})

        native = _counted_quants(env, user, "native")
        native.with_context(inventory_mode=True).write({"inventory_quantity": 12})

        def apply_native():
            with trusted_adjustment():  # Odoo's own apply, none of the policy
                OdooQuant._apply_inventory(native)

        native_rate, native_queries, native_cpu = _measure(env, apply_native)

        policy = _counted_quants(env, user, "policy")
        counts = [
            {"quant": quant, "quantity": 12, "reason": reason.id, "note": False,
             "source": "count"}
            for quant in policy
        ]
        policy_rate, policy_queries, policy_cpu = _measure(
            env, lambda: policy._omni_apply_counts(counts)
        )
        assert sum(policy.mapped("quantity")) == 12 * LINES
        cr.rollback()
    return {
        "adjust_lines": LINES,
        "adjust_native_lines_per_second": round(native_rate, 1),
        "adjust_policy_lines_per_second": round(policy_rate, 1),
        "adjust_policy_vs_native_ratio": round(policy_rate / native_rate, 2),
        "adjust_native_queries_per_line": round(native_queries, 2),
        "adjust_policy_queries_per_line": round(policy_queries, 2),
        "adjust_native_cpu_ms_per_line": round(native_cpu, 2),
        "adjust_policy_cpu_ms_per_line": round(policy_cpu, 2),
    }
