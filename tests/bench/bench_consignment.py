"""Consignment: the cost of vendor-owned stock on a catalog ATS read.

``run(conf, db)`` returns ``{name: value}``. Installs ``omni_stock_consignment`` in
``db`` when missing. In a transaction that is rolled back, two vendors get agreements
(one sells on the ``bench`` channel, the other on no channel) and, alternately, 20 % of
the quants of the catalog (every fifth, by id) are owned by them (half each) or by
nobody.

- ``consignment_quants_owned``: the quants owned in the "with" state.
- ``consignment_ats_catalog_seconds_without``, ``consignment_ats_catalog_seconds_with``:
  fastest of 10 (interleaved, alternating which goes first) lean channel ATS reads of the
  catalog with no owned stock (the module installed, nothing consigned) and with 20 % of
  the quants owned (half of them withheld from the channel: the consignment part of
  the statement reads and deducts them).
- ``consignment_ats_overhead_ratio``: with ÷ without (goal <= 1.10).
- ``consignment_withheld_units``: the units the channel no longer promises, checked
  against the free stock of the other vendor's quants in the channel's trusted pool.

Alone: ``python3 tests/bench/bench_consignment.py -c .odoo.conf -d <scale database>``.
"""

import argparse
import sys
import time
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.tools import SQL

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402

ROUNDS = 10


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


def _catalog(env, channel, products):
    env.invalidate_all()
    started = time.perf_counter()
    figures = env["omni.ats"].compute(products, channel=channel, detail=False)
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
        _own(cr, ())
        runs = {True: [], False: []}
        totals = {}
        for round_ in range(ROUNDS):
            for with_owners in ((False, True) if round_ % 2 else (True, False)):
                _own(cr, (sold.id, kept.id) if with_owners else ())
                seconds, figures = _catalog(env, channel, products)
                runs[with_owners].append(seconds)
                totals[with_owners] = (sum(f["ats"] for f in figures.values()),
                                       sum(f["withheld"] for f in figures.values()))
        _own(cr, (sold.id, kept.id))
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
        without, with_ = min(runs[False]), min(runs[True])
        cr.rollback()
    return {
        "consignment_quants_owned": owned,
        "consignment_ats_catalog_seconds_without": round(without, 3),
        "consignment_ats_catalog_seconds_with": round(with_, 3),
        "consignment_ats_overhead_ratio": round(with_ / without, 3),
        "consignment_withheld_units": round(withheld, 1),
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
