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
  ``SCANS`` lines of the receipt (default 150, random ones) scanned once each; the
  others are then marked scanned directly. The HTTP and JSON-RPC envelope (a few ms on
  localhost) is not in it.
- ``receipt_validate_500_lines_seconds``: median over ``RUNS`` (default 1 on CI's
  small catalog, 3 on catalogs of 5,000 products or more) of
  validating such a receipt from the scanner (``omni_scanner_validate``: strict
  scanning and reason-coded differences on its operation type, all lines scanned).
- ``receipt_validate_native_seconds``: median, interleaved with the above (alternating
  which goes first), of Odoo's ``button_validate`` of the same receipt on an operation
  type without the suite's options, its quantities set as Odoo's form sets them.
- ``receipt_validate_vs_native_ratio``: the first over the second (goal <= 1.2).

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
SCANS = int(os.environ.get("OMNI_BENCH_BARCODE_SCANS", 150))


def _runs(products):
    if os.environ.get("OMNI_BENCH_BARCODE_RUNS"):
        return int(os.environ["OMNI_BENCH_BARCODE_RUNS"])
    return 3 if products >= 5000 else 1


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


def _scan(env, picking, user, barcodes, timings=None):
    """Scan ``SCANS`` random lines once (2 units each); keep each scan's ms."""
    receiving = picking.with_user(user)
    order = list(barcodes)
    random.Random(7).shuffle(order)
    for index, barcode in enumerate(order[:SCANS]):
        env.invalidate_all()
        started = time.perf_counter()
        receiving.omni_scanner_scan(f"bench-{picking.id}-{index}", barcode, quantity=2)
        env.flush_all()
        if timings is not None:
            timings.append((time.perf_counter() - started) * 1000)


def _mark_scanned(env, picking):
    """The lines of a receipt scanned, set directly (not measured)."""
    from odoo.addons.omni_stock_barcode.tools import scan_write  # noqa: PLC0415

    with scan_write():
        for line in picking.move_line_ids.filtered(lambda ml: not ml.omni_scanned_qty):
            line.write({"omni_scanned_qty": line.quantity, "picked": True})
    env.flush_all()
    env.invalidate_all()


def _timed(env, call):
    env.invalidate_all()
    started = time.perf_counter()
    call()
    env.flush_all()
    return time.perf_counter() - started


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
        _scan(env, picking, user, barcodes, timings)
        _mark_scanned(env, picking)
        timings.sort()
        p95 = timings[min(len(timings) - 1, int(round(0.95 * len(timings))) - 1)]

        # validation: scanner vs Odoo's own, interleaved
        ours, native = [], []
        scanned = picking
        catalog = env["product.product"].search_count([("is_storable", "=", True)])
        for run_index in range(_runs(catalog)):
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
    ours_s, native_s = statistics.median(ours), statistics.median(native)
    return {
        "scan_lines": len(products),
        "scan_feedback_p95_ms": round(p95, 1),
        "scan_feedback_median_ms": round(statistics.median(timings), 1),
        "receipt_validate_500_lines_seconds": round(ours_s, 2),
        "receipt_validate_native_seconds": round(native_s, 2),
        "receipt_validate_vs_native_ratio": round(ours_s / native_s, 2),
    }


if __name__ == "__main__":
    scale.run_alone(run, __doc__)
