"""Store transfers: what a transfer request costs over Odoo's own two-step transfer
through transit, and how fast the approver's card (ATS before/after at both ends) is.

``run(conf, db)`` returns ``{name: value}``. Installs ``omni_stock_transfer`` in ``db``
when missing. In a transaction that is rolled back: a second warehouse (the receiving
store), ``TRANSFERS`` transfers of ``LINES`` products each from the first warehouse
(the products get 100 units there), as a plain inventory user, once through a request
(no approval rule: submit makes the two transfers) and once as Odoo's own two-step
internal transfer (a shipping to the company's transit location and a receiving
from it, chained moves, both confirmed, made by the same user through the ORM).

- ``transfer_request_to_pickings_ms``: median ms of create + submit of a request until
  its two confirmed transfers exist.
- ``transfer_native_two_step_ms``: median ms of the native two transfers, confirmed.
- ``transfer_queries_request``, ``transfer_queries_native``: SQL queries per transfer
  of the two above.
- ``transfer_cycle_queries_request``, ``transfer_cycle_queries_native``: SQL queries per
  transfer from creation through shipping and receiving (validated in full).
- ``transfer_approval_card_ms``: median of 20: the approver opens a request of
  ``LINES`` lines waiting for approval (reads every line's ATS at source and destination,
  before and after: one engine call per warehouse).
- ``transfer_approval_card_50_lines_ms``: the same for a request of 50 lines.

``OMNI_BENCH_TRANSFERS`` (default 20) and ``OMNI_BENCH_TRANSFER_LINES`` (default 5) set
the sizes.
"""

import os
import statistics
import sys
import time
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, Command, api

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402


def _sizes():
    return (int(os.environ.get("OMNI_BENCH_TRANSFERS", 20)),
            int(os.environ.get("OMNI_BENCH_TRANSFER_LINES", 5)))


def _request(env, source, dest, products):
    request = env["omni.stock.transfer.request"].create({
        "warehouse_id": source.id, "warehouse_dest_id": dest.id, "reason": "replenish",
        "line_ids": [Command.create({"product_id": p.id, "quantity": 1}) for p in products],
    })
    request.action_submit()
    return request.picking_out_id | request.picking_in_id


def _native(env, source, dest, products):
    """Odoo's own two-step transfer through transit, as a user makes it."""
    transit = env.company.internal_transit_location_id
    Picking = env["stock.picking"]
    receiving = Picking.create({
        "picking_type_id": dest.int_type_id.id, "location_id": transit.id,
        "location_dest_id": dest.lot_stock_id.id,
        "move_ids": [Command.create({
            "name": p.display_name, "product_id": p.id, "product_uom": p.uom_id.id,
            "product_uom_qty": 1, "location_id": transit.id,
            "location_dest_id": dest.lot_stock_id.id}) for p in products],
    })
    shipping = Picking.create({
        "picking_type_id": source.int_type_id.id, "location_id": source.lot_stock_id.id,
        "location_dest_id": transit.id,
        "move_ids": [Command.create({
            "name": p.display_name, "product_id": p.id, "product_uom": p.uom_id.id,
            "product_uom_qty": 1, "location_id": source.lot_stock_id.id,
            "location_dest_id": transit.id, "move_dest_ids": [Command.link(m.id)]})
            for p, m in zip(products, receiving.move_ids, strict=True)],
    })
    (shipping | receiving).action_confirm()
    return shipping | receiving


def _validate(pickings):
    for picking in pickings.sorted(lambda p: p.location_id.usage == "transit"):
        picking.move_ids.picked = True
        picking.button_validate()


def _measure(env, make, source, dest, batches, cycle):
    cr = env.cr
    times, queries = [], 0
    for products in batches:
        env.invalidate_all()
        started, count = time.perf_counter(), cr.sql_log_count
        pickings = make(env, source, dest, products)
        if cycle:
            _validate(pickings)
        env.flush_all()
        times.append((time.perf_counter() - started) * 1000)
        queries += cr.sql_log_count - count
    return statistics.median(times), queries / len(batches)


def _card(env, request):
    times = []
    for _ in range(20):
        env.invalidate_all()
        started = time.perf_counter()
        request.line_ids.read(["ats_source", "ats_source_after", "ats_dest", "ats_dest_after"])
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def run(conf_path, db_name):
    scale.ensure_installed(conf_path, db_name, "omni_stock_transfer")
    transfers, lines = _sizes()
    with odoo.modules.registry.Registry(db_name).cursor() as cr:
        root = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        root["omni.stock.transfer.rule"].search([]).active = False
        source = root["stock.warehouse"].search(
            [("company_id", "=", root.company.id)], limit=1)
        dest = root["stock.warehouse"].create({"name": "Bench Store", "code": "BSTR"})
        products = root["product.product"].create([
            {"name": f"Bench transfer {i}", "type": "consu", "is_storable": True}
            for i in range(max(lines, 50))])
        for product in products:
            root["stock.quant"]._update_available_quantity(
                product, source.lot_stock_id, 100)
        group = root.ref("stock.group_stock_user")
        clerk, approver = root["res.users"].create([
            {"name": "bench transfer clerk", "login": "bench_transfer_clerk",
             "groups_id": [Command.set([group.id])]},
            {"name": "bench transfer approver", "login": "bench_transfer_approver",
             "groups_id": [Command.set([root.ref(
                 "omni_stock_adjustment.group_adjustment_approver").id])]},
        ])
        root.flush_all()
        env = root(user=clerk)
        batch = products[:lines].with_env(env)
        batches = [batch] * transfers
        figures = {}
        # warm up both paths (registry, caches), then interleave nothing: same batches
        _request(env, source, dest, batch)
        _native(env, source, dest, batch)
        ms, queries = _measure(env, _request, source, dest, batches, cycle=False)
        native_ms, native_queries = _measure(env, _native, source, dest, batches, cycle=False)
        figures.update({
            "transfer_request_to_pickings_ms": round(ms, 1),
            "transfer_native_two_step_ms": round(native_ms, 1),
            "transfer_queries_request": round(queries, 1),
            "transfer_queries_native": round(native_queries, 1),
        })
        _, cycle_queries = _measure(env, _request, source, dest, batches[:5], cycle=True)
        _, cycle_native = _measure(env, _native, source, dest, batches[:5], cycle=True)
        figures.update({
            "transfer_cycle_queries_request": round(cycle_queries, 1),
            "transfer_cycle_queries_native": round(cycle_native, 1),
        })
        # the approver's card
        root["omni.stock.transfer.rule"].create({"name": "bench", "kind": "route"})
        for size, name in ((lines, "transfer_approval_card_ms"),
                           (50, "transfer_approval_card_50_lines_ms")):
            request = env["omni.stock.transfer.request"].create({
                "warehouse_id": source.id, "warehouse_dest_id": dest.id,
                "line_ids": [Command.create({"product_id": p.id, "quantity": 1})
                             for p in products[:size]],
            })
            request.action_submit()
            assert request.approval_state == "to_approve"
            figures[name] = round(_card(root(user=approver), request.with_user(approver)), 1)
        figures["transfer_lines"] = lines
        cr.rollback()
    return figures


if __name__ == "__main__":
    scale.run_alone(run, __doc__)
