from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OmniPosCase


@tagged("post_install", "-at_install")
class TestPosCustomerHold(OmniPosCase):

    def _hold(self, quantity, customer="Ana +33 6 12", **kwargs):
        return self.config.with_user(self.cashier).omni_hold_for_customer(
            self.product.id, quantity, customer, **kwargs)

    def test_cashier_holds_units_for_a_customer_at_the_store(self):
        result = self._hold(3, hours=2)
        self.assertEqual(result["ats"], 7)
        hold = self.env["omni.stock.hold"].search([("reference", "=", result["reference"])])
        self.assertRecordValues(hold, [{
            "channel_id": self.store_channel.id, "warehouse_id": self.store.id,
            "origin": "pos", "pos_customer": "Ana +33 6 12", "quantity": 3,
            "pos_config_id": self.config.id, "user_id": self.cashier.id, "state": "active"}])
        self.assertAlmostEqual(hold.expires_at, fields.Datetime.now() + timedelta(hours=2),
                               delta=timedelta(minutes=1))
        # the web shop sources the store: it no longer promises them either
        self.assertEqual(self._ats(self.web)["ats"], 14 - 3)

    def test_bad_requests_write_nothing(self):
        Hold = self.env["omni.stock.hold"]
        before = Hold.search_count([])
        for quantity, customer, hours in ((11, "Ana", 2), (0, "Ana", 2), (1, "", 2),
                                          (1, "Ana", 0), (1, "Ana", 24 * 8), (1.5, "Ana", 2)):
            with self.assertRaises(UserError):
                self._hold(quantity, customer, hours=hours)
        with self.assertRaises(UserError):
            self.config.with_user(self.cashier).omni_hold_for_customer(
                self.service.id, 1, "Ana")
        self.assertEqual(Hold.search_count([]), before)

    def test_hold_consumed_when_the_customers_order_is_rung_up(self):
        result = self._hold(2, customer="", partner_id=self.customer.id)
        hold = self.env["omni.stock.hold"].search([("reference", "=", result["reference"])])
        self.open_new_session()
        self._sell([(self.product, 1)])  # another customer: the hold stays
        self.assertEqual(hold.state, "active")
        self.assertEqual(self._ats(self.store_channel)["ats"], 10 - 1 - 2)
        order = self._sell([(self.product, 2)], customer=self.customer)
        self.assertEqual(hold.state, "confirmed")
        self.assertEqual(hold.pos_order_id, order)
        self.assertEqual(self._ats(self.store_channel)["ats"], 10 - 1 - 2)

    def test_released_on_expiry(self):
        result = self._hold(2, hours=1)
        hold = self.env["omni.stock.hold"].search([("reference", "=", result["reference"])])
        self.env.cr.execute(
            "UPDATE omni_stock_hold SET expires_at = now() at time zone 'UTC' - interval '1s'"
            " WHERE id = %s", [hold.id])
        hold.invalidate_recordset()
        self.assertEqual(self._ats(self.store_channel)["ats"], 10)
        self.env["omni.stock.hold"]._cron_expire()
        self.assertEqual(hold.state, "expired")
