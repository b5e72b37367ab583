from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import OmniStockCase


@tagged("post_install", "-at_install")
class TestChannelRules(OmniStockCase):
    def test_bad_rules_are_refused(self):
        cases = {
            "safety_stock_qty": -1,
            "safety_stock_days": -2,
            "allocation_percent": 101,
            "min_location_accuracy": 120,
            "incoming_horizon_days": -1,
        }
        for field_name, value in cases.items():
            with self.subTest(field=field_name), self.assertRaises(ValidationError):
                with self.env.cr.savepoint():
                    self.channel.write({field_name: value})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.channel.allocation_percent = 0
        self.channel.invalidate_recordset()
        self.assertEqual(self.channel.allocation_percent, 100)
        self.assertEqual(self.channel.safety_stock_qty, 0)

    def test_channel_needs_sources(self):
        with self.assertRaisesRegex(ValidationError, "source"):
            self.env["omni.channel"].create({"name": "Nowhere", "code": "nowhere"})
        with self.assertRaisesRegex(ValidationError, "source"), self.env.cr.savepoint():
            self.channel.warehouse_ids = False
        self.assertTrue(self.channel.warehouse_ids)

    def test_negative_safety_rule_and_rule_target(self):
        Rule = self.env["omni.channel.safety.rule"]
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            Rule.create({"channel_id": self.channel.id, "product_id": self.product.id,
                         "safety_qty": -3})
        with self.assertRaises(IntegrityError), self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
            Rule.create({"channel_id": self.channel.id, "safety_qty": 3})
        self.assertFalse(Rule.search([("channel_id", "=", self.channel.id)]))

    def test_duplicate_code_refused(self):
        with self.assertRaises(IntegrityError), self.env.cr.savepoint(), \
                mute_logger("odoo.sql_db"):
            self.env["omni.channel"].create({
                "name": "Twin", "code": self.channel.code,
                "warehouse_ids": [Command.set(self.warehouse.ids)],
            })

    def test_status_change_with_stock_is_logged(self):
        self._put(self.shelf, 5)
        empty = self.locations["damaged"]
        self.shelf.with_context(tracking_disable=False).omni_status = "quarantine"
        empty.with_context(tracking_disable=False).omni_status = "quarantine"
        bodies = self.shelf.message_ids.mapped("body")
        self.assertTrue(any("5.0 units" in body and "Quarantine" in body for body in bodies))
        self.assertFalse(any("units" in body for body in empty.message_ids.mapped("body")))

    def test_only_managers_change_status_and_accuracy(self):
        clerk = new_test_user(
            self.env, login="omni_clerk",
            groups="stock.group_stock_manager,omni_stock.group_omni_user",
        )
        with self.assertRaises(AccessError):
            self.shelf.with_user(clerk).omni_status = "damaged"
        with self.assertRaises(AccessError):
            self.shelf.with_user(clerk).omni_accuracy = 50
        self.assertEqual(self.shelf.omni_status, "sellable")
        manager = new_test_user(
            self.env, login="omni_boss",
            groups="stock.group_stock_manager,omni_stock.group_omni_manager",
        )
        self.shelf.with_user(manager).omni_status = "damaged"
        self.assertEqual(self.shelf.omni_status, "damaged")

    def test_accuracy_bounds(self):
        with self.assertRaises(ValidationError):
            self.shelf.omni_accuracy = 101
