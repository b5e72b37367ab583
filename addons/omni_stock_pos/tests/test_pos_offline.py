from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OmniPosCase


@tagged("post_install", "-at_install")
class TestPosOffline(OmniPosCase):

    def _explanation_text(self, channel):
        explanation = self.env["omni.ats"].explain(self.product, channel)
        self.assertEqual(explanation.total, self._ats(channel)["ats"])
        return " ".join(line.description for line in explanation.lines)

    def test_silent_store_withheld_from_other_channels_until_it_syncs(self):
        session = self.open_new_session()
        session.with_user(self.cashier).omni_heartbeat(0)
        self.assertEqual(self._ats(self.web)["ats"], 14)
        self._silence(session, 9)
        self.assertEqual(self._ats(self.web)["ats"], 14, "within the 10 minutes")
        self._silence(session, 11)
        # the web shop stops promising the store's stock, not the central's
        web = self._ats(self.web)
        self.assertEqual((web["withheld"], web["ats"]), (10, 4))
        self.assertIn("store POS offline since", self._explanation_text(self.web))
        # the store's own till still sells what it has; its channel for anybody else
        # (pickup in that store on the web shop) does not promise it
        self.assertEqual(self.config.with_user(self.cashier).omni_stock_badges(
            [self.product.id]), {self.product.id: 10})
        info = self.product.with_user(self.cashier).get_product_info_pos(
            10.0, 1, self.config.id)["omni_stock"]
        self.assertEqual((info["ats"], info["statuses"]["withheld"]), (10, 0))
        self.assertEqual(self._ats(self.store_channel)["ats"], 0)
        # the POS syncs: back at once
        session.with_user(self.cashier).omni_heartbeat(0)
        self.assertEqual(self._ats(self.web)["ats"], 14)
        self.assertNotIn("offline", self._explanation_text(self.web))

    def test_limit_per_store_channel(self):
        session = self.open_new_session()
        self.store_channel.pos_offline_minutes = 30
        self._silence(session, 20)
        self.assertEqual(self._ats(self.web)["ats"], 14)
        self._silence(session, 31)
        self.assertEqual(self._ats(self.web)["ats"], 4)

    def test_unsynced_orders_withhold_the_store(self):
        session = self.open_new_session()
        session.with_user(self.cashier).omni_heartbeat(2)
        self.assertEqual(self._ats(self.web)["ats"], 4)
        self.assertIn("unsynced", self._explanation_text(self.web))
        session.with_user(self.cashier).omni_heartbeat(0)
        self.assertEqual(self._ats(self.web)["ats"], 14)

    def test_closed_session_never_withholds(self):
        session = self.open_new_session()
        self._silence(session, 60)
        self.assertEqual(self._ats(self.web)["ats"], 4)
        session.post_closing_cash_details(0)
        session.close_session_from_ui()
        self.assertEqual(self._ats(self.web)["ats"], 14)

    def test_heartbeat_refuses_bad_input(self):
        session = self.open_new_session()
        for bad in (-1, "3", True, 10**9):
            with self.assertRaises(UserError):
                session.with_user(self.cashier).omni_heartbeat(bad)
        self.assertFalse(session.omni_last_seen and session.omni_unsynced_count)
