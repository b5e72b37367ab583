"""Two shoppers pay for the last unit at the same moment, on a real multi-worker server.

Run: python3 -m pytest tests/test_concurrency_website.py --odoo-config=CONF
     --odoo-database=DB  (a database with omni_stock_website and payment_demo
installed, e.g. the one of ``make test``: the demo retailer pulls payment_demo in).
The test commits a shop of its own (warehouse, channel, website on the server's
address, shoppers) and archives it afterwards. Shoppers go through the shop's own
routes: log in, add to cart, choose the courier, create the payment transaction,
pay with the demo provider, poll the payment status (which confirms the order).
"""

import os
import sys
import threading
from pathlib import Path

import pytest

import odoo

sys.path.insert(0, str(Path(__file__).resolve().parent / "bench"))
from holds_server import OdooServer  # noqa: E402
from shop_server import ShopError, ShopFixture  # noqa: E402


def _database():
    db = os.environ.get("OMNI_CONCURRENCY_DB") or odoo.tools.config["db_name"]
    if isinstance(db, list):
        db = db[0] if db else None
    if not db:
        pytest.skip("no database: pass --odoo-database or OMNI_CONCURRENCY_DB")
    with odoo.modules.registry.Registry(db).cursor() as cr:
        cr.execute("SELECT name FROM ir_module_module WHERE state = 'installed' "
                   "AND name IN ('omni_stock_website', 'payment_demo')")
        if len(cr.fetchall()) < 2:
            pytest.skip("needs omni_stock_website and payment_demo installed")
    return db


@pytest.fixture(scope="module")
def shop():
    db = _database()
    server = OdooServer(odoo.tools.config.rcfile, db,
                        int(os.environ.get("OMNI_CONCURRENCY_WORKERS", "4")))
    with ShopFixture(db, server.port, units=2, products=2, shoppers=4) as fixture, server:
        yield server, fixture


def _race(fixture, shoppers):
    """Every shopper pays at the same moment: ``{index: state or ShopError}``."""
    barrier = threading.Barrier(len(shoppers))
    results = {}

    def pay(index, shopper):
        barrier.wait()
        try:
            results[index] = fixture.pay(shopper, index)
        except ShopError as error:
            results[index] = error

    threads = [threading.Thread(target=pay, args=item) for item in shoppers.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(180)
    return results


def _fill_carts(fixture, indexes, product_id):
    shoppers = {}
    for index in indexes:
        shopper = fixture.shopper(index)
        added = shopper.add(product_id)
        assert added["quantity"] == 1, added
        shopper.set_delivery(fixture.ids["carrier"])
        shoppers[index] = shopper
    return shoppers


def _exactly_one(server, fixture, results, product_id):
    paid = [index for index, result in results.items() if result == "done"]
    refused = [result for result in results.values() if isinstance(result, ShopError)]
    assert len(paid) == 1, (results, server.log_text()[-3000:])
    assert len(refused) == 1, results
    assert "no longer available" in str(refused[0]) or "left" in str(refused[0]), refused
    assert fixture.confirmed_units(product_id) == 1, "one order got the last unit"
    assert "Traceback" not in server.log_text()
    return paid[0]


def test_last_unit_after_the_holds_expired(shop):
    """Both carts' holds expired and one unit is left: one order gets it, the other
    shopper is told before paying."""
    server, fixture = shop
    product_id = fixture.ids["products"][0]
    shoppers = _fill_carts(fixture, (0, 1), product_id)
    fixture.expire_holds()
    fixture.set_stock(product_id, 1)
    _exactly_one(server, fixture, _race(fixture, shoppers), product_id)


def test_last_unit_held_twice_after_stock_went(shop):
    """Both carts hold a unit, then one of the two units leaves the stock: the cart
    that held first pays, the other is told before paying."""
    server, fixture = shop
    product_id = fixture.ids["products"][1]
    shoppers = _fill_carts(fixture, (2, 3), product_id)
    fixture.set_stock(product_id, 1)
    assert _exactly_one(server, fixture, _race(fixture, shoppers), product_id) == 2
