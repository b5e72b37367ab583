from datetime import timedelta

from odoo import fields
from odoo.tests import freeze_time, tagged

from .common import OmniPosCase


@tagged("post_install", "-at_install")
class TestPosAtsState(OmniPosCase):
    """The maintained ATS state with POS sales of open "at closing" sessions and stores
    going offline: the fast read equals the live engine."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.point_of_sale_update_stock_quantities = "closing"
        cls.State = cls.env["omni.ats.state"]

    def _fast_equals_live(self, channels=None):
        Ats = self.env["omni.ats"]
        for channel in channels or (self.web | self.store_channel):
            fast = Ats.compute(self.product, channel=channel, detail=False)
            live = Ats.compute(self.product, channel=channel, detail=False, live=True)
            self.assertEqual(fast, live, channel.name)
        return Ats.compute(self.product, channel=self.web, detail=False)[self.product.id]

    def test_sales_of_an_open_session_and_its_closing(self):
        session = self.open_new_session()
        session.omni_heartbeat(0)
        for channel in self.web | self.store_channel:
            self.State._refresh(channel)
        self.assertEqual(self._fast_equals_live()["ats"], 10 + 4)
        self._sell([(self.product, 3)])
        web = self._fast_equals_live()
        self.assertEqual((web["withheld"], web["ats"]), (3, 11), "sold at the till: withheld")
        for channel in self.web | self.store_channel:
            self.State._refresh(channel, full=False)
        self.assertEqual(self._fast_equals_live()["ats"], 11)
        session._create_picking_at_end_of_session()
        web = self._fast_equals_live()
        self.assertEqual((web["withheld"], web["ats"]), (0, 11), "the picking instead")

    def test_a_paid_line_edited_after_the_refresh(self):
        """A line of a paid order rewritten (any POS user may write lines over RPC):
        the state no longer serves its product, old or new."""
        session = self.open_new_session()
        session.omni_heartbeat(0)
        order = self._sell([(self.product, 3)])
        for channel in self.web | self.store_channel:
            self.State._refresh(channel)
        line = order.lines.with_user(self.cashier)
        line.qty = 5
        web = self._fast_equals_live()
        self.assertEqual((web["withheld"], web["ats"]), (5, 9), "5 sold at the till")
        for channel in self.web | self.store_channel:
            self.State._refresh(channel)
        line.product_id = self.create_product("Omni Vase", self.categ_basic, 5.0)
        web = self._fast_equals_live()
        self.assertEqual((web["withheld"], web["ats"]), (0, 14), "no longer sold")

    def test_the_pos_sells_from_another_location_after_the_refresh(self):
        """The POS's operation type given the central warehouse's stock as its source:
        what the open session withholds is taken there, every channel's state is
        read live until its next refresh."""
        session = self.open_new_session()
        session.omni_heartbeat(0)
        self._sell([(self.product, 3)])
        for channel in self.web | self.store_channel | self.central_channel:
            self.State._refresh(channel)
        self.config.picking_type_id.default_location_src_id = self.central.lot_stock_id
        self._fast_equals_live(self.web | self.store_channel | self.central_channel)
        central = self.env["omni.ats"].compute(
            self.product, channel=self.central_channel, detail=False)[self.product.id]
        self.assertEqual((central["withheld"], central["ats"]), (3, 1), "4 there, 3 sold")

    def test_store_going_silent_by_time_alone(self):
        session = self.open_new_session()
        session.omni_heartbeat(0)
        for channel in self.web | self.store_channel:
            self.State._refresh(channel)
        self.assertEqual(self._fast_equals_live()["ats"], 14)
        with freeze_time(fields.Datetime.now() + timedelta(hours=2)):
            web = self._fast_equals_live()
            self.assertEqual(web["ats"], 4, "the silent store's 10 units are not promised")
