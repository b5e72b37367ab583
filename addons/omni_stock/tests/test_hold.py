from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import freeze_time, new_test_user

from ..models.omni_stock_hold import HoldError
from .common import OmniStockCase


class TestHold(OmniStockCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Hold = cls.env["omni.stock.hold"]
        cls.other_wh = cls.env["stock.warehouse"].create(
            {"name": "Omni Other WH", "code": "OOW", "company_id": cls.company.id})
        cls.marketplace = cls.env["omni.channel"].create({
            "name": "Test Marketplace", "code": "test-mkt", "channel_type": "marketplace",
            "warehouse_ids": [Command.set(cls.warehouse.ids)],
        })
        cls.elsewhere = cls.env["omni.channel"].create({
            "name": "Other Store", "code": "test-store", "channel_type": "store",
            "warehouse_ids": [Command.set(cls.other_wh.ids)],
        })

    def _reserve(self, qty, reference="R1", channel=None, **kwargs):
        return self.Hold.reserve(channel or self.channel, self.product, qty, reference, **kwargs)

    def assertRefused(self, code, *args, **kwargs):
        with self.assertRaises(HoldError) as caught:
            self._reserve(*args, **kwargs)
        self.assertEqual(caught.exception.code, code)
        return caught.exception

    def test_hold_reduces_own_and_sharing_channels(self):
        self._put(self.stock, 10)
        hold, created = self._reserve(3)
        self.assertTrue(created)
        self.assertEqual(hold.state, "active")
        self.assertEqual(hold.origin, "manual")
        own = self._ats(self.channel)
        self.assertEqual((own["ats"], own["holds"], own["holds_own"]), (7, 3, 3))
        self.assertEqual(own["reserved"], 3, "reserved bucket = Odoo reserved + holds")
        mkt = self._ats(self.marketplace)
        self.assertEqual((mkt["ats"], mkt["holds_other"]), (7, 3))
        self.assertEqual(self._ats(self.elsewhere)["holds"], 0, "no shared source")
        self.assertEqual(self._ats()["ats"], 7, "company-wide ATS minus every hold")
        explanation = self.assertExplained(self.channel)
        self.assertIn("hold", [line.kind for line in explanation.lines])
        explanation = self.assertExplained(self.marketplace)
        hold_lines = [line for line in explanation.lines if line.kind == "hold"]
        self.assertEqual([line.quantity for line in hold_lines], [-3])

    def test_allocation_cap_only_counts_own_holds(self):
        self._put(self.stock, 10)
        self.marketplace.allocation_percent = 50
        self._reserve(4, channel=self.channel)
        # pool 10, other holds 4: net 6, cap 5 -> 5
        self.assertEqual(self._ats(self.marketplace)["ats"], 5)
        self._reserve(2, "M1", channel=self.marketplace)
        # own holds use the cap: min(10-2-4, 5-2) = 3
        self.assertEqual(self._ats(self.marketplace)["ats"], 3)
        self.assertExplained(self.marketplace)
        self.assertEqual(self._ats(self.channel)["ats"], 4)
        self.assertExplained(self.channel)

    def test_insufficient_stock(self):
        self._put(self.stock, 5)
        self.channel.safety_stock_qty = 1
        error = self.assertRefused("insufficient_stock", 5)
        self.assertEqual(error.extra["available"], 4)
        self._reserve(4)
        self.assertRefused("insufficient_stock", 1, "R2")
        self.assertEqual(self.Hold.search_count([("product_id", "=", self.product.id)]), 1)

    def test_idempotent_reference(self):
        self._put(self.stock, 5)
        hold, created = self._reserve(2)
        again, created_again = self._reserve(2)
        self.assertEqual(again, hold)
        self.assertFalse(created_again)
        self.assertRefused("reference_conflict", 3)
        other = self._create_product("Omni Cap", "OMNI-CAP")
        with self.assertRaises(HoldError) as caught:
            self.Hold.reserve(self.channel, other, 2, "R1")
        self.assertEqual(caught.exception.code, "reference_conflict")
        # the same reference in another channel is another hold
        hold2, created = self._reserve(2, channel=self.marketplace)
        self.assertTrue(created)
        self.assertNotEqual(hold2, hold)
        self.assertEqual(self._ats(self.channel)["ats"], 1)

    def test_invalid_requests(self):
        self._put(self.stock, 5)
        for qty in (0, -1, 1e7, float("nan"), "2", None, True, 1.5):
            with self.subTest(qty=qty):
                self.assertRefused("invalid_quantity", qty)
        for reference in ("", "x" * 65, "a b", None, "/slash", "cart/42"):
            with self.subTest(reference=reference):
                self.assertRefused("invalid_payload", 1, reference)
        for ttl in (0, -5, 8 * 86400, "60"):
            with self.subTest(ttl=ttl):
                self.assertRefused("invalid_payload", 1, ttl_seconds=ttl)
        service = self.env["product.product"].create({"name": "Gift wrap", "type": "service"})
        with self.assertRaises(HoldError) as caught:
            self.Hold.reserve(self.channel, service, 1, "S1")
        self.assertEqual(caught.exception.code, "unknown_sku")
        self.assertFalse(self.Hold.search([("product_id", "=", self.product.id)]))

    def test_expired_hold_never_counts(self):
        self._put(self.stock, 5)
        hold, _created = self._reserve(3, ttl_seconds=60)
        self.assertEqual(self._ats(self.channel)["ats"], 2)
        with freeze_time(fields.Datetime.now() + timedelta(seconds=61)):
            hold.invalidate_recordset(["is_expired"])
            self.assertEqual(hold.state, "active")
            self.assertTrue(hold.is_expired)
            self.assertEqual(self._ats(self.channel)["ats"], 5, "expired before the job runs")
            self.assertEqual(self.channel.active_hold_count, 0)
            self.assertEqual(hold._api_values()["state"], "expired")
            with self.assertRaises(HoldError) as caught:
                hold.action_confirm_hold()
            self.assertEqual(caught.exception.code, "hold_expired")
            self.assertGreaterEqual(self.Hold._cron_expire(), 1)
            self.assertEqual(hold.state, "expired")
            # replaying the same request returns the expired hold, never a second one
            again, created = self._reserve(3, ttl_seconds=60)
            self.assertEqual((again, created), (hold, False))

    def test_release_and_confirm(self):
        self._put(self.stock, 5)
        hold, _created = self._reserve(3)
        hold.action_release()
        self.assertEqual(hold.state, "released")
        self.assertTrue(hold.done_date)
        self.assertEqual(self._ats(self.channel)["ats"], 5)
        hold.action_release()  # releasing twice changes nothing
        with self.assertRaises(HoldError) as caught:
            hold.action_confirm_hold()
        self.assertEqual(caught.exception.code, "hold_not_active")
        hold2, _created = self._reserve(2, "R2")
        hold2.action_confirm_hold()
        self.assertEqual(hold2.state, "confirmed")
        self.assertEqual(self._ats(self.channel)["ats"], 5, "a confirmed hold stops counting")

    def test_frozen_and_manual_create(self):
        self._put(self.stock, 4)
        with self.assertRaises(HoldError):
            self.Hold.create({"channel_id": self.channel.id, "product_id": self.product.id,
                              "quantity": 5, "reference": "M-1"})
        hold = self.Hold.create({"channel_id": self.channel.id,
                                 "product_id": self.product.id,
                                 "quantity": 4, "reference": "M-1"})
        self.assertGreater(hold.expires_at, fields.Datetime.now())
        with self.assertRaises(UserError):
            hold.quantity = 1
        with self.assertRaises(UserError):
            hold.state = "confirmed"
        with self.assertRaises(UserError):
            hold.unlink()
        hold.action_release()
        hold.unlink()

    def test_location_scope(self):
        self._put(self.stock, 2)
        self._put(self.shelf, 3)
        hold, _created = self._reserve(2, location=self.stock)
        self.assertEqual(self._ats(self.channel)["ats"], 3)
        # WH/Stock has 5 units (shelf is its child) of which 2 held
        self.assertRefused("insufficient_stock", 4, "R2", location=self.stock)
        # the hold on WH/Stock may be served from its child Shelf B: it counts there too
        self.assertRefused("insufficient_stock", 2, "R3", location=self.shelf)
        self._reserve(1, "R4", location=self.shelf)
        self.assertEqual(self._ats(self.channel)["ats"], 2)
        self.assertRefused("invalid_payload", 1, "R5", location=self.other_wh.lot_stock_id)
        self.assertRefused("invalid_payload", 1, "R6", warehouse=self.other_wh)
        self.assertExplained(self.channel)

    def test_other_channel_location_hold(self):
        """A hold on a location counts for every channel having that location."""
        self._put(self.stock, 5)
        self._put(self.other_wh.lot_stock_id, 5)
        both = self.env["omni.channel"].create({
            "name": "Both", "code": "test-both",
            "warehouse_ids": [Command.set((self.warehouse | self.other_wh).ids)],
        })
        self.Hold.reserve(both, self.product, 4, "B1", location=self.other_wh.lot_stock_id)
        self.assertEqual(self._ats(self.elsewhere)["ats"], 1)
        self.assertEqual(self._ats(self.channel)["ats"], 5, "not drawing on this warehouse")
        self.assertEqual(self._ats(both)["ats"], 6)
        # a channel-wide hold of `both` draws on both warehouses: it counts for both
        self.Hold.reserve(both, self.product, 1, "B2")
        self.assertEqual(self._ats(self.elsewhere)["ats"], 0)
        self.assertEqual(self._ats(self.channel)["ats"], 4)

    def test_lock_row_per_product(self):
        self._put(self.stock, 5)
        self._reserve(1)
        self._reserve(1, "R2")
        self.env.cr.execute("SELECT version FROM omni_stock_hold_lock WHERE product_id = %s",
                            [self.product.id])
        self.assertGreaterEqual(self.env.cr.fetchone()[0], 1)

    def test_state_changes_only_through_actions(self):
        """A manager cannot create a closed hold and reopen it (skipping the ATS check),
        nor move its expiry beyond the limit: the state belongs to the actions."""
        self._put(self.stock, 2)
        manager = new_test_user(self.env, "omni_hold_mgr",
                                groups="omni_stock.group_omni_manager")
        Hold = self.Hold.with_user(manager)
        vals = {"channel_id": self.channel.id, "product_id": self.product.id,
                "quantity": 50, "reference": "M-50"}
        for extra in ({"state": "released"}, {"state": "confirmed"},
                      {"done_date": fields.Datetime.now()}):
            with self.subTest(extra=extra), self.assertRaises(HoldError):
                Hold.create({**vals, **extra})
        with self.assertRaises(HoldError) as caught:
            Hold.create(vals)
        self.assertEqual(caught.exception.code, "insufficient_stock")
        far = fields.Datetime.now() + timedelta(days=8)
        with self.assertRaises(HoldError):
            Hold.create({**vals, "quantity": 1, "expires_at": far})
        with self.assertRaises(HoldError):
            Hold.create({**vals, "quantity": 1, "expires_at": "2020-01-01 00:00:00"})
        hold = Hold.create({**vals, "quantity": 2})
        hold.action_release()
        for write in ({"state": "active"}, {"expires_at": far}, {"done_date": False}):
            with self.subTest(write=write), self.assertRaises(UserError):
                hold.write(write)
        self.assertEqual(hold.state, "released")
        # no context key switches the lock or the check off
        with self.assertRaises(HoldError):
            Hold.with_context(omni_hold_locked=True).create({**vals, "reference": "M-51"})
        self.assertEqual(self._ats(self.channel)["ats"], 2)

    def test_resize_and_extend(self):
        self._put(self.stock, 5)
        hold, _created = self._reserve(2, ttl_seconds=60)
        hold.resize(4)
        self.assertEqual((hold.quantity, self._ats(self.channel)["ats"]), (4, 1))
        with self.assertRaises(HoldError) as caught:
            hold.resize(6)
        self.assertEqual((caught.exception.code, caught.exception.extra["available"]),
                         ("insufficient_stock", 1))
        hold.resize(1)
        self.assertEqual(self._ats(self.channel)["ats"], 4)
        with self.assertRaises(HoldError):
            hold.resize(0)
        before = hold.expires_at
        hold.extend(3600)
        self.assertGreater(hold.expires_at, before)
        with self.assertRaises(HoldError):
            hold.extend(30 * 86400)
        hold.action_release()
        with self.assertRaises(HoldError) as caught:
            hold.resize(1)
        self.assertEqual(caught.exception.code, "hold_not_active")

    def test_api_reference_never_reaches_other_origins(self):
        """A hold made by a quotation cannot be replayed, released or confirmed as an API
        hold of the same channel, even with its (guessable) reference."""
        self._put(self.stock, 5)
        self._reserve(2, "S00042-7-1", origin="sale")
        with self.assertRaises(HoldError) as caught:
            self._reserve(2, "S00042-7-1", origin="api")
        self.assertEqual(caught.exception.code, "reference_conflict")
        with self.assertRaises(HoldError) as caught:
            self.channel._api_hold("S00042-7-1")
        self.assertEqual(caught.exception.code, "hold_not_found")

    def test_channel_hold_count_and_actions(self):
        self._put(self.stock, 5)
        self._reserve(1)
        self.assertEqual(self.channel.active_hold_count, 1)
        self.assertEqual(self.channel.action_view_holds()["domain"],
                         [("channel_id", "=", self.channel.id)])
        self.assertEqual(self.product.action_omni_holds()["domain"],
                         [("product_id", "=", self.product.id)])
        breakdown = self.env["omni.ats.breakdown"].create_for(self.product)
        line = breakdown.line_ids.filtered(lambda line: line.channel_id == self.marketplace)
        self.assertEqual(line.holds, 1)
