"""Finance and KPI figures on the scale database (omni_stock_report, _account).

``run(conf, db)`` returns ``{name: value}``; ``python bench_report.py -c CONF -d DB``
prints them.  The first run installs the reporting addons in the scale database
and generates its valuation history (``scale.ensure_valuation``).

- ``valuation_by_status_seconds``: median of 3 reads of the valuation by status
  (grouped by warehouse x status x category, as the pivot asks for it) at a past
  date (``PAST_DAYS`` ago: quants rolled back over the 10,000 receipts since), every
  product.
- ``native_valuation_seconds``: median of 3 reads of Odoo's own valuation report at the
  same date for the same products (stock.valuation.layer grouped by product, as its
  list view asks for it).
- ``valuation_vs_native_ratio``: the first over the second (goal: at most 1.5).
- ``valuation_matches_layers``: 1 when the report's total equals the layers' total at
  that date.
- ``kpi_board_seconds``: recomputing every KPI for the current month and reading the
  board (KPI x channel), median of 3.
"""

import datetime
import logging
import statistics
import sys
import time
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, api, fields

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402

PAST_DAYS = 30


def _timed(func, repeat=3):
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def run(conf_path, db_name):
    logging.getLogger("odoo").setLevel(logging.WARNING)
    scale.ensure_valuation(conf_path, db_name)
    figures = {}
    registry = odoo.modules.registry.Registry(db_name)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        products = env["product.product"].search([("is_storable", "=", True)])
        at = fields.Datetime.now() - datetime.timedelta(days=PAST_DAYS)
        at_string = fields.Datetime.to_string(at)
        Report = env["omni.stock.valuation.report"].with_context(omni_valuation_at=at_string)
        Layer = env["stock.valuation.layer"]

        def ours():
            env.invalidate_all()
            return Report.read_group(
                [("product_id", "in", products.ids)], ["value:sum", "quantity:sum"],
                ["warehouse_id", "status", "categ_id"], lazy=False)

        def native():
            env.invalidate_all()
            return Layer.read_group(
                [("product_id", "in", products.ids), ("create_date", "<=", at),
                 ("product_id.is_storable", "=", True)],
                ["value:sum", "quantity:sum"], ["product_id"], lazy=False)

        # interleaved, so that both see the same load on a shared machine
        ours_runs, native_runs = [], []
        for _ in range(3):
            ours_runs.append(_timed(ours, 1))
            native_runs.append(_timed(native, 1))
        ours_seconds = statistics.median(ours_runs)
        native_seconds = statistics.median(native_runs)
        figures["valuation_by_status_seconds"] = round(ours_seconds, 3)
        figures["native_valuation_seconds"] = round(native_seconds, 3)
        figures["valuation_vs_native_ratio"] = round(ours_seconds / native_seconds, 2)
        total = sum(group["value"] for group in ours())
        layers = sum(group["value"] for group in native())
        figures["valuation_matches_layers"] = int(round(total, 2) == round(layers, 2))

        # the board needs today's snapshot for its stockout frequency
        started = time.perf_counter()
        env["omni.stock.ats.snapshot"].take()
        figures["ats_snapshot_seconds"] = round(time.perf_counter() - started, 3)
        today = fields.Date.context_today(env["omni.stock.kpi"])
        month_start = today.replace(day=1)

        def board():
            env["omni.stock.kpi"].refresh(month_start, today)
            env.invalidate_all()
            return env["omni.stock.kpi.value"].read_group(
                [("date", ">=", month_start), ("date", "<=", today)], ["value:avg"],
                ["kpi_id", "channel_id"], lazy=False)

        figures["kpi_board_seconds"] = round(_timed(board), 3)
        cr.rollback()
    return figures


if __name__ == "__main__":
    scale.run_alone(run, __doc__)
