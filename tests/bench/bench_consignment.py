"""Consignment: the cost of vendor-owned stock on a catalog ATS read.

``run(conf, db)`` returns ``{name: value}``. Installs ``omni_stock_consignment`` in
``db`` when missing. In a transaction that is rolled back, two vendors get agreements
(one sells on the ``bench`` channel, the other on no channel) and, alternately, 20 % of
the quants of the catalog (every fifth, by id) are owned by them (half each).

- ``consignment_quants_owned``: the quants owned in the "with" state.
- ``consignment_ats_catalog_seconds_without``, ``consignment_ats_catalog_seconds_with``:
  fastest of 25 lean channel ATS reads of the catalog with no owned stock (the module
  installed, nothing consigned) and then with 20 % of the quants owned (half of them
  withheld from the channel: the consignment part of the statement reads and deducts
  them).
- ``consignment_ats_overhead_ratio``: with ÷ without (goal <= 1.10).
- ``consignment_ats_catalog_seconds_off``, ``consignment_ats_part_cost_ratio``: the same
  read without the consignment part in the statement (as before the module), interleaved
  with the others, and without ÷ off: what the part costs a catalog with nothing
  consigned.
- ``consignment_withheld_units``: the units the channel no longer promises, checked
  against the free stock of the other vendor's quants in the channel's trusted pool.

Alone: ``python3 tests/bench/bench_consignment.py -c .odoo.conf -d <scale database>``.
"""

import argparse
import contextlib
import sys
import time
from pathlib import Path
from unittest.mock import patch

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.tools import SQL

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402

ROUNDS = 25


def _own(cr, owner_ids):
    """Give every fifth quant an owner (alternating over ``owner_ids``), or none."""
    if owner_ids:
        cr.execute(SQL(
            """
            UPDATE stock_quant SET owner_id = (%s)[1 + mod(id / 5, %s)]
             WHERE mod(id, 5) = 0
            """, list(owner_ids), len(owner_ids)))
    else:
        cr.execute("UPDATE stock_quant SET owner_id = NULL WHERE owner_id IS NOT NULL")
    cr.execute("ANALYZE stock_quant")


def _catalog(env, channel, products, part=True):
    engine = env["omni.ats"]
    env.invalidate_all()
    with contextlib.ExitStack() as stack:
        if not part:
            from odoo.addons.omni_stock.models.omni_ats import (  # noqa: PLC0415
                OmniAts as CoreOmniAts,
            )

            # the engine's own withheld part, without the consignment source
            stack.enter_context(patch.object(type(engine), "_cte_withheld",
                                             CoreOmniAts._cte_withheld))
        started = time.perf_counter()
        figures = engine.compute(products, channel=channel, detail=False)
        return time.perf_counter() - started, figures


def run(conf_path, db_name):
    scale.ensure_installed(conf_path, db_name, "omni_stock_consignment")
    with odoo.modules.registry.Registry(db_name).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        channel = env["omni.channel"].search([("code", "=", "bench")])
        products = env["product.product"].search([("is_storable", "=", True)])
        sold, kept = env["res.partner"].create([
            {"name": "bench consignor sold"}, {"name": "bench consignor not sold"}])
        env["omni.stock.consignment.agreement"].create([
            {"partner_id": sold.id, "channel_ids": [Command.set(channel.ids)]},
            {"partner_id": kept.id},
        ])
        env.flush_all()
        # nothing owned (as built), then 20 % owned: one update between the two phases
        # (toggling back and forth would bloat the quants' table within the transaction
        # and time the bloat); the dead rows of that update only slow the "with" phase
        runs = {True: [], False: [], "off": []}
        totals = {}
        for round_ in range(ROUNDS):
            for part in ((False, True) if round_ % 2 else (True, False)):
                seconds, figures = _catalog(env, channel, products, part=part)
                runs[False if part else "off"].append(seconds)
                if part:
                    totals[False] = (sum(f["ats"] for f in figures.values()),
                                     sum(f["withheld"] for f in figures.values()))
        _own(cr, (sold.id, kept.id))
        for _round in range(ROUNDS):
            seconds, figures = _catalog(env, channel, products)
            runs[True].append(seconds)
        totals[True] = (sum(f["ats"] for f in figures.values()),
                        sum(f["withheld"] for f in figures.values()))
        cr.execute("SELECT count(*) FROM stock_quant WHERE owner_id IS NOT NULL")
        owned = cr.fetchone()[0]
        # what the channel must not promise: the not-sold vendor's free units in the pool
        scope = env["omni.ats"]._scope(products, channel, detail=False)
        cr.execute(SQL(
            """
            SELECT COALESCE(SUM(GREATEST(quantity - reserved_quantity, 0)), 0)::float8
              FROM stock_quant WHERE owner_id = %s AND location_id = ANY(%s)
            """, kept.id, scope.pool_location_ids))
        expected = cr.fetchone()[0]
        withheld = totals[True][1] - totals[False][1]
        assert abs(withheld - expected) < 1e-6, (withheld, expected)
        assert totals[True][0] <= totals[False][0]
        without, with_, off = min(runs[False]), min(runs[True]), min(runs["off"])
        cr.rollback()
    return {
        "consignment_quants_owned": owned,
        "consignment_ats_catalog_seconds_without": round(without, 3),
        "consignment_ats_catalog_seconds_with": round(with_, 3),
        "consignment_ats_overhead_ratio": round(with_ / without, 3),
        "consignment_withheld_units": round(withheld, 1),
        "consignment_ats_catalog_seconds_off": round(off, 3),
        "consignment_ats_part_cost_ratio": round(without / off, 3),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args(argv)
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    for name, value in run(args.config, args.database).items():
        print(f"{name}: {value}", flush=True)


if __name__ == "__main__":
    main()
