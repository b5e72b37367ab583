"""Barcode receiving: one scan's server time on a large receipt, and validating a
scanned receipt against Odoo's own validation of the same receipt.

``run(conf, db)`` returns ``{name: value}``. Installs ``omni_stock_barcode`` in ``db``
when missing. Everything happens in a transaction that is rolled back, as a plain
receiver (Inventory User). The bench products get EAN-13-like barcodes (in the
transaction).

- ``scan_lines``: lines of the receipt (default 500).
- ``scan_feedback_p95_ms``, ``scan_feedback_median_ms``: server time of one scan
  (``stock.picking.omni_scanner_scan``: parse, product by barcode, line update, scan
  row, the answer; ORM cache emptied before each scan as for a new request; flushed),
  ``SCANS`` lines of the receipt (default 100, random ones) scanned once each; the
  others are then marked scanned directly. The HTTP and JSON-RPC envelope (a few ms on
  localhost) is not in it. ``scan_queries_per_scan``: their SQL queries, steadier than
  times on a busy machine.
- ``receipt_validate_500_lines_seconds``: median over ``RUNS`` (default 5) of
  validating such a receipt from the scanner (``omni_scanner_validate``: strict
  scanning and reason-coded differences on its operation type, all lines scanned).
- ``receipt_validate_native_seconds``: median, interleaved with the above (alternating
  which goes first), of Odoo's ``button_validate`` of the same receipt on an operation
  type without the suite's options, its quantities as Odoo reserves them. One receipt
  of each kind is validated first, unmeasured, so that every measured run finds the
  same stock (the first receipt into a location creates its quants).
- ``receipt_validate_vs_native_ratio``: the median of each run's ratio of the two (the
  two validations of a run are back to back, so a change of the machine's load between
  runs cancels out; goal <= 1.2).
- ``receipt_validate_vs_native_cpu_ratio``: the same with this process's CPU time
  (the Odoo side only, PostgreSQL excluded): steadier on a busy machine.
- ``receipt_validate_queries_per_line``, ``receipt_validate_native_queries_per_line``:
  SQL queries of one validation per receipt line (the same in every run).

``OMNI_BENCH_BARCODE_LINES``, ``OMNI_BENCH_BARCODE_SCANS`` and
``OMNI_BENCH_BARCODE_RUNS`` change the sizes.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, Command, api

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402

LINES = int(os.environ.get("OMNI_BENCH_BARCODE_LINES", 500))
SCANS = int(os.environ.get("OMNI_BENCH_BARCODE_SCANS", 100))


RUNS = int(os.environ.get("OMNI_BENCH_BARCODE_RUNS", 5))


def _receipt(env, picking_type, products, vendor, supplier):
    picking = env["stock.picking"].create({
        "picking_type_id": picking_type.id, "partner_id": vendor.id,
        "location_id": supplier.id, "location_dest_id": picking_type.default_location_dest_id.id,
        "move_ids": [Command.create({
            "name": product.name, "product_id": product.id, "product_uom_qty": 2,
            "product_uom": product.uom_id.id, "location_id": supplier.id,
            "location_dest_id": picking_type.default_location_dest_id.id})
            for product in products],
    })
    picking.action_confirm()
    env.flush_all()
    env.invalidate_all()
    return picking


def _scan(env, picking, user, barcodes, timings):
    """Scan ``SCANS`` random lines once (2 units each); keep each scan's ms; return
    the SQL queries they took."""
    receiving = picking.with_user(user)
    order = list(barcodes)
    random.Random(7).shuffle(order)
    queries = 0
    for index, barcode in enumerate(order[:SCANS]):
        env.invalidate_all()
        before = env.cr.sql_log_count
        started = time.perf_counter()
        receiving.omni_scanner_scan(f"bench-{picking.id}-{index}", barcode, quantity=2)
        env.flush_all()
        timings.append((time.perf_counter() - started) * 1000)
        queries += env.cr.sql_log_count - before
    return queries


def _mark_scanned(env, picking):
    """The lines of a receipt scanned, set directly (not measured)."""
    from odoo.addons.omni_stock_barcode.tools import scan_write  # noqa: PLC0415

    with scan_write():
        for line in picking.move_line_ids.filtered(lambda ml: not ml.omni_scanned_qty):
            line.write({"omni_scanned_qty": line.quantity, "picked": True})
    env.flush_all()
    env.invalidate_all()


def _timed(env, call):
    """Run ``call`` from a cold ORM cache, flushed: ``(seconds, CPU seconds, queries)``."""
    env.invalidate_all()
    before = env.cr.sql_log_count
    started, cpu = time.perf_counter(), time.process_time()
    call()
    env.flush_all()
    return (time.perf_counter() - started, time.process_time() - cpu,
            env.cr.sql_log_count - before)


def run(conf_path, db_name):
    scale.ensure_installed(conf_path, db_name, "omni_stock_barcode")
    with odoo.modules.registry.Registry(db_name).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        env.company.write({"omni_adj_threshold_qty": 0, "omni_adj_threshold_value": 0,
                           "omni_stock_lock_date": False})
        user = env["res.users"].create({
            "name": "bench receiver", "login": "bench_barcode_receiver",
            "groups_id": [Command.set([env.ref("stock.group_stock_user").id])],
        })
        products = env["product.product"].search(
            [("is_storable", "=", True), ("default_code", "like", "BENCH-")],
            limit=LINES, order="id")
        for product in products:
            product.barcode = f"2{product.id:012d}"
        barcodes = products.mapped("barcode")
        warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)],
                                                  limit=1)
        native_type = warehouse.in_type_id
        native_type.create_backorder = "never"
        scan_type = native_type.copy({
            "name": "Bench scanned receipts", "sequence_code": "BSCAN",
            "omni_strict_scan": True, "omni_difference_reason": True,
        })
        vendor = env["res.partner"].create({"name": "bench vendor"})
        supplier = env.ref("stock.stock_location_suppliers")
        env.flush_all()

        # one scan, every line of a receipt
        picking = _receipt(env, scan_type, products, vendor, supplier)
        timings = []
        queries = _scan(env, picking, user, barcodes, timings)
        _mark_scanned(env, picking)
        timings.sort()
        p95 = timings[min(len(timings) - 1, int(round(0.95 * len(timings))) - 1)]

        # validation: scanner vs Odoo's own, interleaved; the first receipt into the
        # location creates its quants: validated unmeasured before, for both sides alike
        _receipt(env, native_type, products, vendor, supplier).button_validate()
        ours, native = [], []
        scanned = picking
        for run_index in range(RUNS):
            if scanned is None:
                scanned = _receipt(env, scan_type, products, vendor, supplier)
                _mark_scanned(env, scanned)
            plain = _receipt(env, native_type, products, vendor, supplier)
            mine = scanned.with_user(user)
            theirs = plain.with_user(user)
            sides = [
                (ours, lambda mine=mine: mine.omni_scanner_validate()),
                (native, lambda theirs=theirs: theirs.button_validate()),
            ]
            if run_index % 2:
                sides.reverse()
            for results, call in sides:
                results.append(_timed(env, call))
            assert scanned.state == "done" and plain.state == "done", "not validated"
            scanned = None
        cr.rollback()
    lines = len(products)

    def median(results, index):
        return statistics.median(result[index] for result in results)

    def ratio(index):
        return statistics.median(
            mine[index] / theirs[index] for mine, theirs in zip(ours, native, strict=True))

    return {
        "scan_lines": lines,
        "scan_feedback_p95_ms": round(p95, 1),
        "scan_feedback_median_ms": round(statistics.median(timings), 1),
        "scan_queries_per_scan": round(queries / len(timings), 1),
        "receipt_validate_500_lines_seconds": round(median(ours, 0), 2),
        "receipt_validate_native_seconds": round(median(native, 0), 2),
        "receipt_validate_vs_native_ratio": round(ratio(0), 2),
        "receipt_validate_vs_native_cpu_ratio": round(ratio(1), 2),
        "receipt_validate_queries_per_line": round(max(r[2] for r in ours) / lines, 2),
        "receipt_validate_native_queries_per_line": round(
            max(r[2] for r in native) / lines, 2),
    }


if __name__ == "__main__":
    scale.run_alone(run, __doc__)
