"""Web shop figures: the shop's pages with the channel's ATS against the same pages with
Odoo's ``website_sale_stock``, and shoppers racing for the last units at checkout.

``run(conf, db)`` returns ``{name: value}``; ``python bench_website.py -c CONF -d DB``
prints them. The scale database has only ``omni_stock``: ``omni_stock_website`` and
``payment_demo`` are installed into it here the first time (and updated when their
source changed); the other benchmarks read only ``omni_stock`` tables and stay valid.

- ``shop_grid_ms``: median time of a ``/shop`` page of 20 products (quick add on, so the
  page reads every product's stock) on the bench website with the ``bench`` channel;
  ``shop_grid_native_ms``: the same page, same database, the website without a channel
  (Odoo's ``free_qty`` of the warehouse); ``shop_grid_vs_native_ratio`` (goal <= 1.2).
- ``shop_product_page_ms`` / ``shop_product_page_native_ms``: a product page likewise.
- ``checkout_race_oversell``: units confirmed beyond stock after 6 shoppers paid at the
  same moment for 2 units, once with their holds expired and once with stock fallen
  below their holds (goal 0); ``checkout_race_sold``: units sold of the 4 available.
"""

import hashlib
import logging
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, api

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402
from holds_server import OdooServer  # noqa: E402
from shop_server import ShopError, ShopFixture, Shopper  # noqa: E402

MODULES = ("omni_stock_website", "payment_demo")
SOURCES = ("omni_stock_sale", "omni_stock_website")
SOURCE_PARAM = "omni_bench.website_source"
GRID = 20
ROUNDS = 6
PER_ROUND = 5
RACE_SHOPPERS = 6
RACE_UNITS = 2


def _source_digest():
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parents[2] / "addons"
    for addon in SOURCES:
        for path in sorted((root / addon).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".xml", ".csv", ".js"):
                digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_installed(conf, db):
    """Install (or update) the web shop modules in the scale database."""
    digest = _source_digest()
    with odoo.modules.registry.Registry(db).cursor() as cr:
        cr.execute("SELECT count(*) FROM ir_module_module WHERE state = 'installed' "
                   "AND name IN %s", [MODULES])
        installed = cr.fetchone()[0] == len(MODULES)
        current = api.Environment(cr, SUPERUSER_ID, {})["ir.config_parameter"].get_param(
            SOURCE_PARAM) == digest
    if installed and current:
        return
    odoo.modules.registry.Registry.delete(db)
    subprocess.check_call(
        [sys.executable, "-m", "odoo", "-c", conf, "-d", db,
         "-u" if installed else "-i", ",".join(MODULES), "--stop-after-init",
         "--without-demo=all", "--log-level=warn"], stdout=subprocess.DEVNULL)
    with odoo.modules.registry.Registry(db).cursor() as cr:
        api.Environment(cr, SUPERUSER_ID, {})["ir.config_parameter"].set_param(
            SOURCE_PARAM, digest)


def _prepare_shop(db):
    """The bench website sells 20 bench products in a category, with quick add."""
    with odoo.modules.registry.Registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        channel = env["omni.channel"].search([("code", "=", "bench")])
        website = env["website"].search([], order="sequence, id", limit=1)
        website.write({"warehouse_id": channel.warehouse_ids[:1].id,
                       "omni_channel_id": channel.id})
        category = env["product.public.category"].search([("name", "=", "Bench shop")]) \
            or env["product.public.category"].create({"name": "Bench shop"})
        products = env["product.product"].search(
            [("default_code", "=like", "BENCH-%")], order="default_code", limit=GRID)
        products.product_tmpl_id.write({
            "is_published": True, "list_price": 10.0, "allow_out_of_stock_order": False,
            "show_availability": True, "public_categ_ids": [(6, 0, category.ids)]})
        env.ref("website_sale.products_add_to_cart").active = True
        slug = env["ir.http"]._slug(category)
        return {"website": website.id, "channel": channel.id,
                "grid": f"/shop/category/{slug}?ppg={GRID}",
                "product": products[:1].product_tmpl_id.website_url}


def _set_channel(db, shop, enabled):
    with odoo.modules.registry.Registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env["website"].browse(shop["website"]).omni_channel_id = \
            shop["channel"] if enabled else False


def _pages(conf, db, shop):
    """Median milliseconds of each page, with and without the channel, interleaved."""
    runs = {(page, enabled): [] for page in ("grid", "product") for enabled in (True, False)}
    with OdooServer(conf, db, workers=2) as server:
        visitor = Shopper(server.url)
        for _round in range(ROUNDS):
            for enabled in (True, False):
                _set_channel(db, shop, enabled)
                for page in ("grid", "product"):
                    status, html = visitor.get(shop[page])  # warm the worker
                    assert status == 200, html[:500]
                    for _ in range(PER_ROUND):
                        started = time.perf_counter()
                        visitor.get(shop[page])
                        runs[page, enabled].append((time.perf_counter() - started) * 1000)
        _set_channel(db, shop, True)
    return {key: statistics.median(values) for key, values in runs.items()}


def _race(conf, db):
    """Units confirmed beyond stock, and units sold, after two races."""
    oversold = sold = 0
    server = OdooServer(conf, db, workers=4)
    with ShopFixture(db, server.port, units=RACE_SHOPPERS, products=2,
                     shoppers=2 * RACE_SHOPPERS) as fixture, server:
        for scenario, product_id in enumerate(fixture.ids["products"]):
            indexes = range(scenario * RACE_SHOPPERS, (scenario + 1) * RACE_SHOPPERS)
            shoppers = {}
            for index in indexes:
                shoppers[index] = fixture.shopper(index)
                shoppers[index].add(product_id)
                shoppers[index].set_delivery(fixture.ids["carrier"])
            if scenario == 0:
                fixture.expire_holds()
            fixture.set_stock(product_id, RACE_UNITS)
            barrier = threading.Barrier(len(shoppers))

            def pay(index, shopper, barrier=barrier):
                barrier.wait()
                try:
                    fixture.pay(shopper, index)
                except ShopError:
                    pass

            threads = [threading.Thread(target=pay, args=item) for item in shoppers.items()]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(300)
            confirmed = fixture.confirmed_units(product_id)
            oversold += max(0, confirmed - RACE_UNITS)
            sold += min(confirmed, RACE_UNITS)
    return int(oversold), int(sold)


def run(conf_path, db_name):
    """The web shop figures; Odoo's configuration must already be parsed."""
    logging.getLogger("odoo").setLevel(logging.WARNING)
    ensure_installed(conf_path, db_name)
    shop = _prepare_shop(db_name)
    pages = _pages(conf_path, db_name, shop)
    figures = {
        "shop_grid_ms": round(pages["grid", True], 1),
        "shop_grid_native_ms": round(pages["grid", False], 1),
        "shop_grid_vs_native_ratio": round(pages["grid", True] / pages["grid", False], 2),
        "shop_product_page_ms": round(pages["product", True], 1),
        "shop_product_page_native_ms": round(pages["product", False], 1),
    }
    figures["checkout_race_oversell"], figures["checkout_race_sold"] = _race(
        conf_path, db_name)
    return figures


if __name__ == "__main__":
    scale.run_alone(run, __doc__)
