"""The maintained ATS state against the live engine: helpers, and a seeded run of mixed
operations that other addons extend with their own.

:class:`AtsStateRandomizedMixin` (mixed into a test case, before it) builds a fixture of
its own on top of the case's (two warehouses, a shelf and a backroom, twelve products,
three channels with different rules), then runs batches of operations drawn from
:meth:`~AtsStateRandomizedMixin._ats_state_operations`: a table ``{name: (weight,
method)}`` an addon extends (call ``super()``) with the flows it owns. Before each batch
the channels' states are refreshed (fully, incrementally or not at all); after each
batch the fast read equals the live engine for every product of every channel.
"""

import logging
import random
from contextlib import contextmanager
from datetime import timedelta
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time

_logger = logging.getLogger(__name__)


class AtsStateReadMixin:
    """The fast read (the maintained state) and the live engine, and who served it."""

    def ats_fast(self, products, channel, user=None):
        env = self.env(user=user) if user else self.env
        return env["omni.ats"].compute(products.with_env(env), channel=channel.with_env(env),
                                       detail=False)

    def ats_live(self, products, channel):
        return self.env["omni.ats"].compute(products, channel=channel, detail=False, live=True)

    @contextmanager
    def count_live(self):
        """Yields a list receiving the product ids each live computation reads."""
        seen = []
        Ats = type(self.env["omni.ats"])
        original = Ats._compute_live

        def spy(engine, products, *args, **kwargs):
            seen.append(set(products.ids))
            return original(engine, products, *args, **kwargs)

        with patch.object(Ats, "_compute_live", spy):
            yield seen


class AtsStateRandomizedMixin(AtsStateReadMixin):
    """A seeded run of mixed operations: the fast read equals the live engine for every
    product of every channel after each batch, with full and incremental refreshes.

    Extend :meth:`_ats_state_operations` with an addon's operations (each one a method
    ``(rng, product)`` returning ``False`` when it found nothing to do; a ``UserError``
    or ``ValidationError`` it raises is rolled back and counted as refused), and the
    fixture through the ``_ats_state_*`` class methods. Every operation of the table
    must be done at least once in the run."""

    ats_state_seed = 2126
    ats_state_batches = 250
    ats_state_batch_size = 9
    ats_state_product_count = 12

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_ats_state()

    # ------------------------------------------------------------------ fixture

    @classmethod
    def _setup_ats_state(cls):
        cls.State = cls.env["omni.ats.state"]
        cls.Hold = cls.env["omni.stock.hold"]
        cls.ats_warehouse, cls.ats_warehouse2 = cls._ats_state_warehouses()
        cls.ats_stock = cls.ats_warehouse.lot_stock_id
        cls.ats_stock2 = cls.ats_warehouse2.lot_stock_id
        Location = cls.env["stock.location"]
        cls.ats_shelf, cls.ats_back = Location.create([
            cls._prepare_ats_state_location_vals(name, cls.ats_stock)
            for name in ("Rand Shelf", "Rand Backroom")])
        cls.ats_supplier = cls.env.ref("stock.stock_location_suppliers")
        cls.ats_customer = cls.env.ref("stock.stock_location_customers")
        cls.ats_categ = cls.env["product.category"].create({"name": "Rand Apparel"})
        cls.ats_products = cls.env["product.product"].create([
            cls._prepare_ats_state_product_vals(index)
            for index in range(cls.ats_state_product_count)])
        cls.ats_channels = cls._ats_state_channels()

    @classmethod
    def _ats_state_warehouses(cls):
        """The run's two warehouses (the first one has the shelf and the backroom)."""
        return cls.env["stock.warehouse"].create([
            {"name": f"Rand Store {code}", "code": code, "company_id": cls.env.company.id}
            for code in ("RS1", "RS2")])

    @classmethod
    def _prepare_ats_state_location_vals(cls, name, parent):
        return {"name": name, "location_id": parent.id, "usage": "internal"}

    @classmethod
    def _prepare_ats_state_product_vals(cls, index):
        return {"name": f"Omni Rand {index}", "default_code": f"OMNI-RAND-{index}",
                "type": "consu", "is_storable": True, "categ_id": cls.ats_categ.id}

    @classmethod
    def _ats_state_channels(cls):
        """The channels compared, these three first (extend, do not reorder): the first
        warehouse (fixed safety); the second warehouse and the first one's shelf (cover,
        the backroom as a source toggled); both warehouses (allocation, incoming horizon,
        an accuracy gate)."""
        warehouses = cls.ats_warehouse | cls.ats_warehouse2
        return cls.env["omni.channel"].create([
            {"name": "Rand Web", "code": "rand-web", "channel_type": "web",
             "warehouse_ids": [Command.set(cls.ats_warehouse.ids)]},
            {"name": "Rand Store", "code": "rand-store", "channel_type": "store",
             "warehouse_ids": [Command.set(cls.ats_warehouse2.ids)],
             "location_ids": [Command.set(cls.ats_shelf.ids)],
             "safety_stock_mode": "cover", "safety_stock_days": 2, "velocity_window_days": 3},
            {"name": "Rand Market", "code": "rand-market", "channel_type": "marketplace",
             "warehouse_ids": [Command.set(warehouses.ids)],
             "allocation_percent": 60, "incoming_horizon_days": 1},
        ])

    # ------------------------------------------------------------------ operations

    def _ats_state_operations(self):
        """``{name: (weight, method(rng, product))}``: the operations drawn. Extend."""
        return {
            "receipt": (14, self._ats_op_receipt),
            "delivery": (14, self._ats_op_delivery),
            "hold": (12, self._ats_op_hold),
            "release": (5, self._ats_op_release),
            "expire": (6, self._ats_op_expire),
            "status": (1, self._ats_op_status),
            "rule": (1, self._ats_op_rule),
            "safety": (1, self._ats_op_safety),
            "source": (1, self._ats_op_source),
            "archive": (2, self._ats_op_archive),
            "incoming": (5, self._ats_op_incoming),
            "accuracy": (1, self._ats_op_accuracy),
            "put": (10, self._ats_op_put),
        }

    def _ats_move(self, source, dest, qty, product, **vals):
        move = self.env["stock.move"].create({
            "name": "rand move", "product_id": product.id, "product_uom_qty": qty,
            "location_id": source.id, "location_dest_id": dest.id, **vals,
        })
        move._action_confirm()
        return move

    def _ats_op_receipt(self, rng, product):
        move = self._ats_move(self.ats_supplier, rng.choice(
            [self.ats_stock, self.ats_shelf, self.ats_back, self.ats_stock2]),
            rng.randint(1, 9), product)
        move._action_assign()
        move.quantity = move.product_uom_qty
        move.picked = True
        move._action_done()

    def _ats_op_delivery(self, rng, product):
        source = rng.choice([self.ats_stock, self.ats_stock2])
        move = self._ats_move(source, self.ats_customer, rng.randint(1, 4), product)
        if rng.random() < 0.7:
            move._action_assign()
        if rng.random() < 0.5 and move.quantity:
            move.picked = True
            move._action_done()

    def _ats_op_hold(self, rng, product):
        self.Hold.reserve(rng.choice(self.ats_channels), product, rng.randint(1, 3),
                          f"H{rng.random()}", ttl_seconds=rng.choice([30, 120, 900, 3600]))

    def _ats_op_release(self, rng, product):
        holds = self.Hold.search([("state", "=", "active")])
        if not holds:
            return False
        rng.choice(holds).action_release()

    def _ats_op_expire(self, rng, product):
        self.ats_clock.tick(timedelta(seconds=rng.choice([20, 90, 600, 4000, 30000])))
        if rng.random() < 0.3:
            self.Hold._cron_expire()

    def _ats_op_status(self, rng, product):
        rng.choice([self.ats_shelf, self.ats_back]).omni_status = rng.choice(
            ["sellable", "sellable", "unpickable", "damaged"])

    def _ats_op_accuracy(self, rng, product):
        rng.choice([self.ats_shelf, self.ats_back]).omni_accuracy = rng.choice([80, 95, 100])
        self.ats_channels[2].min_location_accuracy = rng.choice([0, 90])

    def _ats_op_rule(self, rng, product):
        channel = rng.choice(self.ats_channels)
        Rule = self.env["omni.channel.safety.rule"]
        rule = Rule.search([("channel_id", "=", channel.id), ("product_id", "=", product.id)])
        if rule:
            rule.unlink()
        else:
            Rule.create({"channel_id": channel.id, "product_id": product.id,
                         "safety_qty": rng.randint(0, 3)})

    def _ats_op_safety(self, rng, product):
        rng.choice(self.ats_channels).safety_stock_qty = rng.randint(0, 2)

    def _ats_op_source(self, rng, product):
        channel = self.ats_channels[1]
        if self.ats_back in channel.location_ids:
            channel.location_ids = [Command.unlink(self.ats_back.id)]
        else:
            channel.location_ids = [Command.link(self.ats_back.id)]

    def _ats_op_archive(self, rng, product):
        product.active = not product.active

    def _ats_op_incoming(self, rng, product):
        self._ats_move(self.ats_supplier, rng.choice([self.ats_stock, self.ats_stock2]),
                       rng.randint(1, 5), product,
                       date=fields.Datetime.now() + timedelta(hours=rng.randint(1, 72)))

    def _ats_op_put(self, rng, product):
        self.env["stock.quant"]._update_available_quantity(
            product, rng.choice([self.ats_stock, self.ats_shelf, self.ats_stock2]),
            rng.randint(-2, 6))

    # ------------------------------------------------------------------ the run

    def _ats_state_operate(self, operation, rng, product):
        """Run one operation in a savepoint: :return: ``"done"``, ``"skipped"`` (nothing
        to do) or ``"refused"`` (a user error, rolled back)."""
        try:
            with self.env.cr.savepoint():
                result = operation(rng, product)
                self.env.flush_all()
        except (UserError, ValidationError):
            self.env.invalidate_all()
            return "refused"
        return "skipped" if result is False else "done"

    def _ats_state_refresh(self, rng):
        """Before a batch: a full refresh, an incremental one, or none."""
        draw = rng.random()
        for channel in self.ats_channels:
            if draw < 0.3:
                self.State._refresh(channel)
            elif draw < 0.8:
                self.State._refresh(channel, full=False)

    def _ats_state_compare(self, label):
        """Fast == live for every product of every channel; :return: how many figures
        the state served."""
        products = self.ats_products.with_context(active_test=False)
        served = 0
        for channel in self.ats_channels:
            with self.count_live() as seen:
                fast = self.ats_fast(products, channel)
            served += len(products) - sum(len(ids) for ids in seen)
            self.assertEqual(fast, self.ats_live(products, channel), f"{label}: {channel.name}")
        return served

    def _ats_state_run(self):
        """The seeded run. :return: ``({outcome: {operation: count}}, figures served by
        the state)``, outcomes: ``done``, ``skipped``, ``refused``."""
        rng = random.Random(self.ats_state_seed)
        table = self._ats_state_operations()
        names = sorted(table)
        weights = [table[name][0] for name in names]
        outcomes = {outcome: dict.fromkeys(names, 0)
                    for outcome in ("done", "skipped", "refused")}
        served = 0
        with freeze_time(fields.Datetime.now()) as self.ats_clock:
            for batch in range(self.ats_state_batches):
                self._ats_state_refresh(rng)
                for _step in range(self.ats_state_batch_size):
                    product = rng.choice(self.ats_products)
                    name = rng.choices(names, weights=weights)[0]
                    outcomes[self._ats_state_operate(table[name][1], rng, product)][name] += 1
                served += self._ats_state_compare(f"seed {self.ats_state_seed} batch {batch}")
        _logger.info("ATS state run of %s: %s operations in %s batches, %s figures served "
                     "by the state; %s", type(self).__name__,
                     self.ats_state_batches * self.ats_state_batch_size,
                     self.ats_state_batches, served, outcomes)
        return outcomes, served

    def test_ats_state_randomized(self):
        outcomes, served = self._ats_state_run()
        self.assertEqual(sum(sum(counts.values()) for counts in outcomes.values()),
                         self.ats_state_batches * self.ats_state_batch_size)
        self.assertEqual([name for name, count in outcomes["done"].items() if not count], [],
                         "every operation was done at least once")
        self.assertGreater(served, 0, "the state served some figures")
