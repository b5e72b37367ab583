"""The POS with the suite: loading a session's data, and live stock to open tills.

``run(conf, db)`` returns ``{name: value}`` (``make bench`` prints them). Installs
``omni_stock_pos`` (and a generic chart of accounts, which a POS needs) in ``db`` when
missing. Every product of the scale catalog is made available in the POS, in a
transaction that is rolled back.

- ``pos_products``: products the POS loads.
- ``pos_load_native_ms``: Odoo's ``pos.session.load_data`` (what the POS screen reads
  when it opens), median of 5.
- ``pos_badges_ms``: this suite's ``pos.config.omni_stock_badges`` for every product
  loaded (one engine call), the one call the POS adds when it opens, median of 5.
- ``pos_load_ms``: ``pos_load_native_ms`` + ``pos_badges_ms`` (measured apart: each
  median is steadier than one of their sum on a shared machine).
- ``pos_load_vs_native_ratio``: ``pos_load_ms`` ÷ ``pos_load_native_ms`` (goal ≤ 1.1).
- ``pos_stock_notify_ms``: a stock change committed → the bus messages of 5 open stores
  committed: the live-stock job's run (read the change feed, ATS of the changed products
  per open store, one message each), measured from the commit of the change to the
  commit of the messages; the cron runner wakes on Odoo's ``cron_trigger`` notification
  (not included: a few ms on a running server). Median of 5 (goal < 1,000).
"""

import statistics
import sys
import time
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, Command, api

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402

STORES = 5


def _ensure_installed(conf, db):
    scale.ensure_installed(conf, db, "omni_stock_pos", ["--without-demo=all"])
    with odoo.modules.registry.Registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if not env.company.chart_template:
            Chart = env["account.chart.template"]
            Chart.try_loading("generic_coa", env.company, install_demo=False)


def _median_ms(func, repeat):
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def _store(env, index, product_ids):
    """A warehouse, its store channel and an open POS that loaded its badges."""
    warehouse = env["stock.warehouse"].create(
        {"name": f"bench pos {index}", "code": f"BP{index}"})
    channel = env["omni.channel"].create({
        "name": f"bench pos {index}", "code": f"bench-pos-{index}", "channel_type": "store",
        "warehouse_ids": [Command.set(warehouse.ids)]})
    journal = env["account.journal"].create(
        {"name": f"bench pos {index}", "code": f"BPJ{index}", "type": "bank"})
    method = env["pos.payment.method"].create(
        {"name": f"bench pos {index}", "journal_id": journal.id})
    config = env["pos.config"].create({
        "name": f"bench pos {index}", "picking_type_id": warehouse.pos_type_id.id,
        "payment_method_ids": [Command.set(method.ids)], "omni_channel_id": channel.id})
    # Odoo refuses to open a session as the superuser: the administrator does
    config.with_user(env.ref("base.user_admin")).open_ui()
    config.omni_stock_badges(product_ids)
    return config, warehouse


def run(conf_path, db_name):
    _ensure_installed(conf_path, db_name)
    registry = odoo.modules.registry.Registry(db_name)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        products = env["product.product"].search([("is_storable", "=", True)])
        products.product_tmpl_id.write({"available_in_pos": True})
        stores = [_store(env, index, products.ids) for index in range(STORES)]
        config, _warehouse = stores[0]
        # what the cashier's screen reads, as a POS user (the administrator)
        session = config.current_session_id.with_user(env.ref("base.user_admin"))
        models = session._load_pos_data_models(config.id)
        env.flush_all()

        loaded = []

        def native():
            env.invalidate_all()
            data = session.load_data(models)
            loaded[:] = [r["id"] for r in data["product.product"]["data"]]

        cashier_config = config.with_user(session.env.user)

        def badges():
            env.invalidate_all()
            cashier_config.omni_stock_badges(loaded)

        native()  # warm the caches once
        native_ms = _median_ms(native, 5)
        badges_ms = _median_ms(badges, 5)
        suite_ms = native_ms + badges_ms
        # the stores' stock; then a change and the job, 5 times (the job's run is what
        # follows the commit of a change: everything here is rolled back)
        for _config, warehouse in stores:
            for product in products[:50]:
                env["stock.quant"]._update_available_quantity(
                    product, warehouse.lot_stock_id, 10)
        Notify = env["omni.pos.stock.notify"]
        Notify._cron_notify()
        notify = []
        for attempt in range(5):
            for _config, warehouse in stores:
                env["stock.quant"]._update_available_quantity(
                    products[attempt], warehouse.lot_stock_id, -1)
            env.flush_all()
            started = time.perf_counter()
            sent = Notify._notify_changes(Notify._read_changes()[0])
            cr.precommit.run()  # the bus writes its messages at commit
            notify.append((time.perf_counter() - started) * 1000)
            assert len(sent) == STORES, "one message per open store"
            Notify._cron_notify()
        cr.rollback()
    return {
        "pos_products": len(loaded),
        "pos_load_native_ms": round(native_ms, 1),
        "pos_badges_ms": round(badges_ms, 1),
        "pos_load_ms": round(suite_ms, 1),
        "pos_load_vs_native_ratio": round(suite_ms / native_ms, 3),
        "pos_stock_notify_ms": round(statistics.median(notify), 1),
    }



if __name__ == "__main__":
    scale.run_alone(run, __doc__)
