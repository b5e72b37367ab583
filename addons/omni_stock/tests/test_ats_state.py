import random
from contextlib import contextmanager
from datetime import timedelta
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from .common import OmniStockCase


class StateCase(OmniStockCase):
    """Helpers: the fast read against the live engine, and who served it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.State = cls.env["omni.ats.state"]
        cls.Ats = cls.env["omni.ats"]
        cls.Hold = cls.env["omni.stock.hold"]
        cls.clerk = new_test_user(cls.env, "ats_state_clerk",
                                  groups="stock.group_stock_user,omni_stock.group_omni_user")

    def fast(self, products, channel=None, user=None):
        env = self.env(user=user) if user else self.env
        return env["omni.ats"].compute(products.with_env(env), channel=(channel or self.channel)
                                       .with_env(env), detail=False)

    def live(self, products, channel=None):
        return self.Ats.compute(products, channel=channel or self.channel, detail=False,
                                live=True)

    @contextmanager
    def count_live(self):
        """Yields a list receiving the product ids each live computation reads."""
        seen = []
        original = type(self.Ats)._compute_live

        def spy(engine, products, *args, **kwargs):
            seen.append(set(products.ids))
            return original(engine, products, *args, **kwargs)

        with patch.object(type(self.Ats), "_compute_live", spy):
            yield seen

    def _receive(self, qty, location=None, product=None):
        move = self._move(self.supplier_loc, location or self.stock, qty, product=product)
        move._action_assign()
        move.quantity = qty
        move.picked = True
        move._action_done()
        return move


class TestAtsState(StateCase):

    def test_refresh_then_read_from_state(self):
        self._put(self.stock, 7)
        self.assertIsNone(self.State._head(self.channel), "no state yet")
        self.assertEqual(self.State._refresh(self.channel), self.State._head(
            self.channel) and self.env["omni.ats.state.channel"].search(
            [("channel_id", "=", self.channel.id)]).product_count)
        with self.count_live() as seen:
            figures = self.fast(self.product, user=self.clerk)
        self.assertEqual(seen, [], "served by the state")
        self.assertEqual(figures[self.product.id]["ats"], 7)
        self.assertEqual(figures, self.live(self.product))

    def test_read_your_writes(self):
        self._put(self.stock, 7)
        self.State._refresh(self.channel)
        self._receive(3)
        self.Hold.reserve(self.channel, self.product, 2, "RYW")
        with self.count_live() as seen:
            figures = self.fast(self.product)
        self.assertEqual(seen, [{self.product.id}], "the changed product is read live")
        self.assertEqual(figures[self.product.id]["ats"], 8, "7 + 3 received - 2 held")

    def test_refresh_followed_by_change_of_another_product(self):
        other = self._create_product("Omni Cap", "OMNI-CAP")
        self._put(self.stock, 4)
        self._put(self.stock, 6, product=other)
        self.State._refresh(self.channel)
        self._put(self.stock, -1, product=other)
        both = self.product | other
        with self.count_live() as seen:
            figures = self.fast(both)
        self.assertEqual(seen, [{other.id}], "only the changed product is computed")
        self.assertEqual(figures[self.product.id]["ats"], 4)
        self.assertEqual(figures[other.id]["ats"], 5)
        # an incremental refresh takes it in: nothing live any more
        self.assertEqual(self.State._refresh(self.channel, full=False), 1)
        with self.count_live() as seen:
            figures = self.fast(both)
        self.assertEqual(seen, [])
        self.assertEqual(figures, self.live(both))

    def test_rule_change_makes_every_product_live(self):
        self._put(self.stock, 10)
        self.State._refresh(self.channel)
        self.channel.safety_stock_qty = 3
        with self.count_live() as seen:
            figures = self.fast(self.product)
        self.assertEqual(len(seen), 1, "the whole read is live")
        self.assertEqual(figures[self.product.id]["ats"], 7)
        self.State._refresh(self.channel, full=False)
        with self.count_live() as seen:
            self.assertEqual(self.fast(self.product)[self.product.id]["ats"], 7)
        self.assertEqual(seen, [], "a refresh after a rule change is full")

    def test_hold_expiry_by_time_alone(self):
        self._put(self.stock, 5)
        self.Hold.reserve(self.channel, self.product, 3, "EXP", ttl_seconds=60)
        self.State._refresh(self.channel)
        self.assertEqual(self.fast(self.product)[self.product.id]["ats"], 2)
        with freeze_time(fields.Datetime.now() + timedelta(seconds=61)):
            self.assertEqual(self.fast(self.product)[self.product.id]["ats"], 5,
                             "expired before the job runs, no feed row written")

    def test_incoming_enters_horizon_by_time_alone(self):
        self.channel.incoming_horizon_days = 2
        self._move(self.supplier_loc, self.stock, 9,
                   date=fields.Datetime.now() + timedelta(days=3))
        self.State._refresh(self.channel)
        self.assertEqual(self.fast(self.product)[self.product.id]["incoming"], 0)
        with freeze_time(fields.Datetime.now() + timedelta(days=1, hours=1)):
            self.assertEqual(self.fast(self.product)[self.product.id]["incoming"], 9)

    def test_sales_leave_the_velocity_window_by_time_alone(self):
        self.channel.write({"safety_stock_mode": "cover", "safety_stock_days": 10,
                            "velocity_window_days": 10})
        self._put(self.stock, 20)
        sale = self._move(self.stock, self.customer_loc, 5)
        sale._action_assign()
        sale.quantity = 5
        sale.picked = True
        sale._action_done()
        self.State._refresh(self.channel)
        self.assertEqual(self.fast(self.product)[self.product.id]["safety"], 5,
                         "5 sold in 10 days x 10 days of cover")
        with freeze_time(fields.Datetime.now() + timedelta(days=10, hours=1)):
            figures = self.fast(self.product)[self.product.id]
            self.assertEqual(figures["safety"], 0, "the sale left the window")
            self.assertEqual(figures["ats"], 15)

    def test_hold_creation_rechecks_live(self):
        self._put(self.stock, 2)
        self.State._refresh(self.channel)
        with patch.object(type(self.State), "_read", side_effect=AssertionError("state read")):
            self.Hold.reserve(self.channel, self.product, 2, "LIVE")

    def test_cron_refreshes_missing_and_old_states(self):
        self._put(self.stock, 3)
        self.State._cron_refresh()
        head = self.State._head(self.channel)
        self.assertTrue(head)
        with freeze_time(fields.Datetime.now() + timedelta(minutes=20)):
            self.State._cron_refresh()
            self.assertGreater(self.State._head(self.channel)["refreshed_at"],
                               head["refreshed_at"], "older than 15 minutes: full refresh")


@tagged("post_install", "-at_install")
class TestAtsStateRandomized(StateCase):
    """A seeded run of mixed operations: the fast read equals the live engine for every
    product of every channel after each batch."""

    BATCHES = 250
    OPERATIONS = 9  # per batch: 2,250 in all

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Location = cls.env["stock.location"]
        cls.back = Location.create({"name": "Backroom", "location_id": cls.stock.id,
                                    "usage": "internal"})
        cls.wh2 = cls.env["stock.warehouse"].create(
            {"name": "Omni Store 2", "code": "OS2", "company_id": cls.company.id})
        cls.products = cls.product | cls.env["product.product"].browse([
            cls._create_product(f"Omni Rand {i}", f"OMNI-R{i}").id for i in range(11)])
        cls.channel2 = cls.env["omni.channel"].create({
            "name": "Test Store", "code": "test-store", "channel_type": "store",
            "warehouse_ids": [Command.set(cls.wh2.ids)],
            "location_ids": [Command.set(cls.shelf.ids)],
            "safety_stock_mode": "cover", "safety_stock_days": 2, "velocity_window_days": 3,
        })
        cls.channel3 = cls.env["omni.channel"].create({
            "name": "Test Market", "code": "test-market", "channel_type": "marketplace",
            "warehouse_ids": [Command.set((cls.warehouse | cls.wh2).ids)],
            "allocation_percent": 60, "incoming_horizon_days": 1,
        })
        cls.channels = cls.channel | cls.channel2 | cls.channel3

    def _safe(self, operation, *args):
        try:
            with self.env.cr.savepoint():
                operation(*args)
                self.env.flush_all()
        except (UserError, ValidationError):
            self.env.invalidate_all()

    def _deliver(self, rng, product):
        source = rng.choice([self.stock, self.wh2.lot_stock_id])
        move = self._move(source, self.customer_loc, rng.randint(1, 4), product=product)
        if rng.random() < 0.7:
            move._action_assign()
        if rng.random() < 0.5 and move.quantity:
            move.picked = True
            move._action_done()

    def _operation(self, rng, frozen):
        product = rng.choice(self.products)
        kind = rng.choices(
            ["receipt", "delivery", "hold", "release", "expire", "status", "rule", "safety",
             "source", "archive", "incoming", "accuracy", "put"],
            weights=[14, 14, 12, 5, 6, 1, 1, 1, 1, 2, 5, 1, 10])[0]
        if kind == "receipt":
            self._receive(rng.randint(1, 9), rng.choice(
                [self.stock, self.shelf, self.back, self.wh2.lot_stock_id]), product)
        elif kind == "delivery":
            self._deliver(rng, product)
        elif kind == "hold":
            channel = rng.choice(self.channels)
            self.Hold.reserve(channel, product, rng.randint(1, 3), f"H{rng.random()}",
                              ttl_seconds=rng.choice([30, 120, 900, 3600]))
        elif kind == "release":
            holds = self.Hold.search([("state", "=", "active")])
            if holds:
                rng.choice(holds).action_release()
        elif kind == "expire":
            frozen.tick(timedelta(seconds=rng.choice([20, 90, 600, 4000, 30000])))
            if rng.random() < 0.3:
                self.Hold._cron_expire()
        elif kind == "status":
            location = rng.choice([self.shelf, self.back])
            location.omni_status = rng.choice(["sellable", "sellable", "unpickable",
                                               "damaged"])
        elif kind == "accuracy":
            rng.choice([self.shelf, self.back]).omni_accuracy = rng.choice([80, 95, 100])
            self.channel3.min_location_accuracy = rng.choice([0, 90])
        elif kind == "rule":
            channel = rng.choice(self.channels)
            rule = self.env["omni.channel.safety.rule"].search(
                [("channel_id", "=", channel.id), ("product_id", "=", product.id)])
            if rule:
                rule.unlink()
            else:
                self.env["omni.channel.safety.rule"].create({
                    "channel_id": channel.id, "product_id": product.id,
                    "safety_qty": rng.randint(0, 3)})
        elif kind == "safety":
            rng.choice(self.channels).safety_stock_qty = rng.randint(0, 2)
        elif kind == "source":
            if self.back in self.channel2.location_ids:
                self.channel2.location_ids = [Command.unlink(self.back.id)]
            else:
                self.channel2.location_ids = [Command.link(self.back.id)]
        elif kind == "archive":
            product.active = not product.active
        elif kind == "incoming":
            self._move(self.supplier_loc, rng.choice([self.stock, self.wh2.lot_stock_id]),
                       rng.randint(1, 5), product=product,
                       date=fields.Datetime.now() + timedelta(hours=rng.randint(1, 72)))
        else:
            self._put(rng.choice([self.stock, self.shelf, self.wh2.lot_stock_id]),
                      rng.randint(-2, 6), product)
        return kind

    def _compare(self, label):
        """Fast == live for every product of every channel; :return: how many figures
        the state served."""
        products = self.products.with_context(active_test=False)
        served = 0
        for channel in self.channels:
            with self.count_live() as seen:
                fast = self.fast(products, channel)
            served += len(products) - sum(len(ids) for ids in seen)
            live = self.live(products, channel)
            self.assertEqual(fast, live, f"{label}: {channel.name}")
        return served

    def test_randomized_operations(self):
        rng = random.Random(2126)
        served = 0
        operations = 0
        with freeze_time(fields.Datetime.now()) as frozen:
            for batch in range(self.BATCHES):
                refresh = rng.random()
                for channel in self.channels:
                    if refresh < 0.3:
                        self.State._refresh(channel)
                    elif refresh < 0.8:
                        self.State._refresh(channel, full=False)
                for _step in range(self.OPERATIONS):
                    self._safe(lambda: self._operation(rng, frozen))
                    operations += 1
                served += self._compare(f"batch {batch}")
        self.assertGreaterEqual(operations, 2000)
        self.assertGreater(served, 0, "the state served some figures")
