"""Routing capacity under real concurrency: routers in parallel transactions.

Run: python3 -m pytest tests/test_concurrency_routing.py --odoo-config=CONF
     --odoo-database=DB  (a database with omni_stock_routing installed; the test commits
its own two nodes, product and channel there and removes or archives them after).
``OMNI_CONCURRENCY_DB`` runs it against another database.

Twelve routers, each in its own transaction and thread, started at the same moment, route
one order each; the store is the cheapest node and has capacity for 5 orders a day. Odoo's
transactions are REPEATABLE READ: a router that locks the capacity row after another one
committed it gets a serialization failure and is retried, as Odoo retries a request.
Exactly 5 orders go to the store, the 7 others to the warehouse, and the store's capacity
row says 5.
"""

import os
import threading
import uuid

import psycopg2.errors
import pytest

import odoo
from odoo import SUPERUSER_ID, Command, api

ROUTERS = 12
CAPACITY = 5
LYON = (45.7640, 4.8357)
PARIS = (48.8566, 2.3522)


def _database():
    db = os.environ.get("OMNI_CONCURRENCY_DB") or odoo.tools.config["db_name"]
    if isinstance(db, list):
        db = db[0] if db else None
    if not db:
        pytest.skip("no database: pass --odoo-database or OMNI_CONCURRENCY_DB")
    with odoo.modules.registry.Registry(db).cursor() as cr:
        cr.execute("SELECT 1 FROM ir_module_module WHERE name = 'omni_stock_routing' "
                   "AND state = 'installed'")
        if not cr.fetchone():
            pytest.skip("omni_stock_routing is not installed in this database")
    return db


@pytest.fixture(scope="module")
def network():
    db = _database()
    tag = uuid.uuid4().hex[:4].upper()
    with odoo.modules.registry.Registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        Warehouse = env["stock.warehouse"]
        store = Warehouse.create({
            "name": f"Race Store {tag}", "code": f"S{tag}",
            "partner_id": env["res.partner"].create({
                "name": "race store", "partner_latitude": LYON[0],
                "partner_longitude": LYON[1]}).id,
            "omni_routing_capacity_orders": CAPACITY, "omni_routing_labour_rate": 1.0})
        central = Warehouse.create({
            "name": f"Race Central {tag}", "code": f"C{tag}",
            "partner_id": env["res.partner"].create({
                "name": "race central", "partner_latitude": PARIS[0],
                "partner_longitude": PARIS[1]}).id,
            "omni_routing_labour_rate": 60.0})
        product = env["product.product"].create({
            "name": f"Race {tag}", "default_code": f"RACE-{tag}", "type": "consu",
            "is_storable": True})
        for warehouse in (store, central):
            env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 100)
        channel = env["omni.channel"].create({
            "name": f"Race {tag}", "code": f"race-{tag.lower()}", "channel_type": "web",
            "warehouse_ids": [Command.set((store | central).ids)], "routing_enabled": True})
        ids = {"store": store.id, "central": central.id, "product": product.id,
               "channel": channel.id}
    yield db, ids
    with odoo.modules.registry.Registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        warehouses = env["stock.warehouse"].browse([ids["store"], ids["central"]])
        env["omni.stock.routing.capacity"].search(
            [("warehouse_id", "in", warehouses.ids)]).unlink()
        env["omni.channel"].browse(ids["channel"]).unlink()
        cr.execute("DELETE FROM stock_quant WHERE product_id = %s", [ids["product"]])
        env["product.product"].browse(ids["product"]).active = False
        warehouses.active = False


def _route(db, ids, start, results, retries):
    start.wait()
    for _attempt in range(50):
        try:
            with odoo.modules.registry.Registry(db).cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                channel = env["omni.channel"].browse(ids["channel"])
                product = env["product.product"].browse(ids["product"])
                plan, _plans, _days = env["omni.stock.router"].choose(
                    channel, LYON, {product: 1})
                results.append(plan.node_ids if plan else None)
                return
        except (psycopg2.errors.SerializationFailure, psycopg2.errors.DeadlockDetected):
            retries.append(1)
    results.append("gave up")


def test_parallel_routers_never_exceed_a_store_capacity(network):
    db, ids = network
    start = threading.Barrier(ROUTERS)
    results, retries = [], []
    threads = [threading.Thread(target=_route, args=(db, ids, start, results, retries))
               for _ in range(ROUTERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert sorted(results, key=str) == sorted(
        [(ids["store"],)] * CAPACITY + [(ids["central"],)] * (ROUTERS - CAPACITY), key=str)
    with odoo.modules.registry.Registry(db).cursor() as cr:
        cr.execute("SELECT SUM(orders_used) FROM omni_stock_routing_capacity "
                   "WHERE warehouse_id = %s", [ids["store"]])
        assert cr.fetchone()[0] == CAPACITY
