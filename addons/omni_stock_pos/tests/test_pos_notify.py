import json
from contextlib import closing
from unittest.mock import patch

from odoo import SUPERUSER_ID, Command, api, sql_db
from odoo.tests import tagged

from .common import OmniPosCase


@tagged("post_install", "-at_install")
class TestPosNotify(OmniPosCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls.create_product("Omni Vase", cls.categ_basic, 5.0)
        cls.env["stock.quant"]._update_available_quantity(cls.other, cls.shelf, 3)
        # a second store, its POS open too
        cls.store2 = cls.env["stock.warehouse"].create(
            {"name": "Store 2", "code": "ST2", "company_id": cls.company.id})
        cls.store2_channel = cls.env["omni.channel"].create({
            "name": "Store 2", "code": "store-2", "channel_type": "store",
            "warehouse_ids": [Command.set(cls.store2.ids)]})
        cls.config2 = cls.env["pos.config"].create({
            "name": "Store 2 till",
            "picking_type_id": cls.store2.pos_type_id.id,
            "payment_method_ids": [Command.set(cls.bank_pm1.ids)],
        })

    def _messages(self, config):
        self.env.cr.precommit.run()  # the bus writes its messages at commit
        return self.env["bus.bus"].sudo().search([
            ("channel", "like", config.access_token),
            ("message", "like", "OMNI_STOCK")])

    def _start(self):
        self.open_new_session()
        self.config2.open_ui()
        self.config2.current_session_id.set_opening_control(0, None)
        for config in (self.config, self.config2):
            config.with_user(self.cashier).omni_stock_badges([self.product.id, self.other.id])
        Notify = self.env["omni.pos.stock.notify"]
        Notify._cron_notify()  # the position of the feed now
        self.env.cr.precommit.run()
        self.env["bus.bus"].sudo().search([]).unlink()
        return Notify

    def test_one_message_per_affected_open_config_with_the_new_ats(self):
        self.assertEqual(self.config2.omni_channel_id, self.store2_channel)
        Notify = self._start()
        # two changes of the first store, none of the second
        self.env["stock.quant"]._update_available_quantity(self.product, self.shelf, -4)
        self.env["stock.quant"]._update_available_quantity(self.other, self.shelf, 2)
        Notify._cron_notify()
        messages = self._messages(self.config)
        self.assertEqual(len(messages), 1)
        self.assertEqual(json.loads(messages.message)["payload"],
                         {str(self.product.id): 6.0, str(self.other.id): 5.0})
        self.assertFalse(self._messages(self.config2), "store 2's figures did not change")
        # nothing new: nothing sent
        Notify._cron_notify()
        self.assertEqual(len(self._messages(self.config)), 1)

    def test_closing_mode_sale_of_a_till_reaches_the_other_tills(self):
        self.company.point_of_sale_update_stock_quantities = "closing"
        Notify = self._start()
        self._sell([(self.product, 1)])
        Notify._cron_notify()
        self.assertEqual(json.loads(self._messages(self.config).message)["payload"],
                         {str(self.product.id): 9.0})

    def test_request_that_changed_stock_wakes_the_job(self):
        # a transaction of its own (the test's has written to the feed already)
        with closing(sql_db.db_connect(self.env.cr.dbname).cursor()) as cr:
            cr.execute("SET LOCAL lock_timeout = '5s'")
            env = api.Environment(cr, SUPERUSER_ID, {})
            Notify = env["omni.pos.stock.notify"]
            cron = env.ref("omni_stock_pos.ir_cron_pos_stock_notify")
            try:
                with patch.object(type(cron), "_trigger", autospec=True) as trigger:
                    env["res.partner"].search([], limit=1)
                    Notify._wake_if_changed()
                    self.assertEqual(trigger.call_count, 0, "a read-only request")
                    env["res.partner"].create({"name": "Not stock"})
                    Notify._wake_if_changed()
                    self.assertEqual(trigger.call_count, 0, "no stock change")
                    product = env["product.product"].create(
                        {"name": "Woken", "is_storable": True})
                    env["stock.quant"]._update_available_quantity(
                        product, env.ref("stock.stock_location_stock"), 1)
                    Notify._wake_if_changed()
                    self.assertEqual(trigger.call_count, 1)
            finally:
                cr.rollback()

    def test_store_going_offline_reaches_the_feed(self):
        session = self._start().browse()
        Notify = self.env["omni.pos.stock.notify"]
        position = self.env["omni.stock.change"]._position()["last_id"]
        self._silence(self.config.current_session_id, 30)
        Notify._record_offline_changes()
        self.env.cr.execute(
            "SELECT product_id FROM omni_stock_change WHERE id > %s", [position])
        self.assertLessEqual({self.product.id, self.other.id},
                             {r[0] for r in self.env.cr.fetchall()})
        self.assertFalse(session)
