from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import RoutingCase


class TestRoutingSecurity(RoutingCase):
    def test_decisions_are_written_by_the_server_only(self):
        order = self.order([(self.tee, 1)])
        decision = order.omni_routing_decision_ids.with_user(self.manager)
        self.assertTrue(decision.reason)
        with self.assertRaises(AccessError):
            decision.write({"reason": "made up"})
        with self.assertRaises(AccessError):
            self.env["omni.stock.routing.capacity"].with_user(self.manager).create({
                "warehouse_id": self.lyon.id, "date": "2026-01-01"})

    def test_company_isolation(self):
        other = self.env["res.company"].create({"name": "Routing Other Co"})
        outsider = new_test_user(
            self.env, login="routing_outsider", groups="sales_team.group_sale_salesman,"
            "omni_stock.group_omni_manager", company_id=other.id,
            company_ids=[Command.set(other.ids)])
        order = self.order([(self.tee, 1)])
        Decision = self.env["omni.stock.routing.decision"].with_user(outsider)
        self.assertFalse(Decision.search([("order_id", "=", order.id)]))
        self.assertFalse(self.env["omni.stock.routing.capacity"].with_user(outsider).search(
            [("warehouse_id", "=", self.lyon.id)]))
        self.assertFalse(self.env["omni.stock.routing.rate"].with_user(outsider).search([]))
