from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import freeze_time, new_test_user, tagged

from .ats_state_common import AtsStateRandomizedMixin, AtsStateReadMixin
from .common import OmniStockCase


class StateCase(AtsStateReadMixin, OmniStockCase):
    """Helpers: the fast read against the live engine (the test channel by default)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.State = cls.env["omni.ats.state"]
        cls.Ats = cls.env["omni.ats"]
        cls.Hold = cls.env["omni.stock.hold"]
        cls.clerk = new_test_user(cls.env, "ats_state_clerk",
                                  groups="stock.group_stock_user,omni_stock.group_omni_user")

    def fast(self, products, channel=None, user=None):
        return self.ats_fast(products, channel or self.channel, user=user)

    def live(self, products, channel=None):
        return self.ats_live(products, channel or self.channel)

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

    def test_catalog_read_takes_the_channels_rows_whole(self):
        """Most of the catalog at once: the channel's rows are read whole, the ones not
        asked for are left out, the changed product is computed live."""
        other = self._create_product("Omni Scarf", "OMNI-SCARF")
        self._put(self.stock, 4)
        self._put(self.stock, 6, product=other)
        self.State._refresh(self.channel)
        self._put(self.stock, -1, product=other)
        catalog = self.env["product.product"].search([("is_storable", "=", True)])
        head = self.State._head(self.channel)
        asked = catalog - catalog.filtered(lambda p: p not in self.product | other)[:1]
        self.assertGreaterEqual(2 * len(asked), head["product_count"], "most of the catalog")
        with self.count_live() as seen:
            figures = self.fast(asked)
        self.assertEqual(seen, [{other.id}], "only the changed product is computed")
        self.assertEqual(set(figures), set(asked.ids), "exactly the products asked for")
        self.assertEqual(figures[other.id]["ats"], 5)
        self.assertEqual(figures, self.live(asked))

    def test_a_moves_final_destination_rewritten_after_the_refresh(self):
        """An open move out of the sources whose final destination is rewritten to one
        of them: no longer demand, and the state does not serve the old figure."""
        self._put(self.stock, 7)
        move = self._move(self.stock, self.warehouse.wh_output_stock_loc_id, 3,
                          location_final_id=self.customer_loc.id)
        self.assertEqual(self.live(self.product)[self.product.id]["ats"], 4, "3 promised")
        self.State._refresh(self.channel)
        move.location_final_id = self.stock
        figures = self.fast(self.product)
        self.assertEqual(figures[self.product.id]["ats"], 7, "an internal move now")
        self.assertEqual(figures, self.live(self.product))

    def test_a_category_moved_makes_every_product_live(self):
        """Rules match a category and its children: a category moved in the tree
        names every product, read live until the next refresh."""
        Category = self.env["product.category"]
        self.product.categ_id = Category.create({"name": "Omni Lamps"})
        self._put(self.stock, 7)
        self.State._refresh(self.channel)
        self.product.categ_id.parent_id = Category.create({"name": "Omni Lighting"})
        with self.count_live() as seen:
            figures = self.fast(self.product)
        self.assertEqual(seen, [{self.product.id}], "read live")
        self.assertEqual(figures, self.live(self.product))

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
class TestAtsStateRandomized(AtsStateRandomizedMixin, OmniStockCase):
    """2,250 seeded operations of the core (receipts, deliveries, holds, expiries,
    statuses, rules, sources, archiving, incoming moves, accuracy): the fast read equals
    the live engine for every product of every channel after each batch."""
