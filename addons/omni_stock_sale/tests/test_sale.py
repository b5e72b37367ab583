from odoo import Command
from odoo.addons.omni_stock.models.omni_stock_hold import HoldError
from odoo.addons.omni_stock.tests.common import OmniStockCase
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user


class TestSale(OmniStockCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create({"name": "Omni Customer"})
        cls.team = cls.env["crm.team"].create(
            {"name": "Omni Web Team", "omni_channel_id": cls.channel.id})
        cls.marketplace = cls.env["omni.channel"].create({
            "name": "Test Marketplace", "code": "test-mkt", "channel_type": "marketplace",
            "warehouse_ids": [Command.set(cls.warehouse.ids)],
            "sale_partner_id": cls.customer.id,
        })

    def _order(self, qty, channel=None, product=None):
        order = self.env["sale.order"].create({
            "partner_id": self.customer.id,
            "team_id": self.team.id,
            "warehouse_id": self.warehouse.id,
            "order_line": [Command.create({"product_id": (product or self.product).id,
                                   "product_uom_qty": qty})],
        })
        if channel:
            order.omni_channel_id = channel
        return order

    def test_channel_from_team_and_line_ats(self):
        self._put(self.stock, 5)
        order = self._order(2)
        self.assertEqual(order.omni_channel_id, self.channel)
        self.assertEqual(order.order_line.omni_ats, 5)
        with Form(self.env["sale.order"]) as form:
            form.partner_id = self.customer
            form.team_id = self.team
            self.assertEqual(form.omni_channel_id, self.channel)

    def test_block_policy(self):
        self._put(self.stock, 3)
        self.channel.safety_stock_qty = 1
        order = self._order(3)
        with self.assertRaisesRegex(UserError, "2.0 available"):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        order.order_line.product_uom_qty = 2
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_backorder_policy(self):
        self._put(self.stock, 1)
        self.channel.oversell_policy = "backorder"
        order = self._order(3)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertIn("backorder", order.message_ids[:3].mapped("body")[0] + "".join(
            order.message_ids.mapped("body")))

    def test_own_holds_count_and_are_consumed(self):
        self._put(self.stock, 4)
        order = self._order(4)
        order.action_omni_hold()
        hold = order.omni_hold_ids
        self.assertEqual((hold.quantity, hold.origin, hold.state), (4, "sale", "active"))
        self.assertEqual(order.omni_hold_count, 1)
        self.assertEqual(self._ats(self.channel)["ats"], 0)
        order.action_omni_hold()  # holding twice holds nothing more
        self.assertEqual(len(order.omni_hold_ids), 1)
        # another order of the channel cannot take the held stock
        other = self._order(1)
        with self.assertRaises(UserError):
            other.action_confirm()
        order.action_confirm()
        self.assertEqual(hold.state, "confirmed")
        self.assertEqual(order.state, "sale")

    def test_cancel_releases(self):
        self._put(self.stock, 4)
        order = self._order(3)
        order.action_omni_hold()
        order._action_cancel()
        self.assertEqual(order.omni_hold_ids.state, "released")
        self.assertEqual(self._ats(self.channel)["ats"], 4)

    def test_hold_without_channel(self):
        order = self._order(1)
        order.omni_channel_id = False
        with self.assertRaises(UserError):
            order.action_omni_hold()
        order.action_confirm()  # no channel: Odoo's own rules only
        self.assertEqual(order.state, "sale")

    def test_api_confirm_creates_and_links_order(self):
        self._put(self.stock, 5)
        Hold = self.env["omni.stock.hold"]
        hold, _created = Hold.reserve(self.marketplace, self.product, 2, "mk-1", origin="api")
        result = hold._api_confirm({"order_reference": "MK-ORDER-1"})
        order = hold.sale_order_id
        self.assertEqual(result, {"sale_order": order.name})
        self.assertEqual((order.state, order.omni_channel_id), ("sale", self.marketplace))
        self.assertEqual(order.client_order_ref, "MK-ORDER-1")
        self.assertEqual(hold.state, "confirmed")
        self.assertEqual(hold._api_confirm({}), result, "idempotent")
        # a second hold of the same marketplace order joins it
        hold2, _created = Hold.reserve(self.marketplace, self.product, 1, "mk-2", origin="api")
        hold2._api_confirm({"order_reference": "MK-ORDER-1"})
        self.assertEqual(hold2.sale_order_id, order)
        self.assertEqual(hold2.state, "confirmed")
        self.assertEqual(sum(order.order_line.mapped("product_uom_qty")), 3)
        self.assertEqual(self._ats(self.marketplace)["ats"], 2)

    def test_api_confirm_needs_customer(self):
        self._put(self.stock, 5)
        hold, _created = self.env["omni.stock.hold"].reserve(self.channel, self.product, 1, "w")
        with self.assertRaises(HoldError) as caught:
            hold._api_confirm({})
        self.assertEqual(caught.exception.code, "invalid_payload")
        self.assertEqual(hold.state, "active")

    # ------------------------------------------------------------ integrity (issue 7)

    def test_confirmed_unreserved_demand_is_not_sold_again(self):
        """A hold confirmed into an order whose delivery is not reserved keeps the units
        out of ATS (as "ordered, not reserved"), and reserving them later does not count
        them twice."""
        self._put(self.stock, 10)
        self.warehouse.out_type_id.reservation_method = "manual"
        hold, _created = self.env["omni.stock.hold"].reserve(
            self.marketplace, self.product, 5, "mk-dem", origin="api")
        self.assertEqual(self._ats(self.channel)["ats"], 5)
        hold._api_confirm({"order_reference": "MK-DEM"})
        move = hold.sale_order_id.picking_ids.move_ids
        self.assertEqual((move.state, move.quantity), ("confirmed", 0))
        figures = self._ats(self.channel)
        self.assertEqual((figures["ats"], figures["demand"]), (5, 5))
        explanation = self.assertExplained(self.channel)
        self.assertIn(-5, [line.quantity for line in explanation.lines if line.kind == "demand"])
        move.picking_id.action_assign()
        figures = self._ats(self.channel)
        self.assertEqual((figures["ats"], figures["demand"], figures["reserved"]), (5, 0, 5))
        self.assertExplained(self.channel)

    def test_two_step_delivery_counts_demand_once(self):
        self._put(self.stock, 10)
        self.warehouse.delivery_steps = "pick_ship"
        self.warehouse.pick_type_id.reservation_method = "manual"
        order = self._order(4)
        order.action_confirm()
        pick = order.picking_ids
        self.assertEqual(pick.picking_type_id, self.warehouse.pick_type_id)
        self.assertEqual(self._ats(self.channel)["ats"], 6, "the pick is not reserved yet")
        self.assertExplained(self.channel)
        pick.action_assign()
        figures = self._ats(self.channel)
        self.assertEqual((figures["ats"], figures["demand"]), (6, 0), "reserved by the pick")
        pick.move_ids.picked = True
        pick.button_validate()
        ship = order.picking_ids - pick
        self.assertEqual(ship.location_id, self.warehouse.wh_output_stock_loc_id)
        self.assertEqual(self._ats(self.channel)["ats"], 6, "in output, for the ship")
        ship.do_unreserve()
        figures = self._ats(self.channel)
        self.assertEqual((figures["ats"], figures["demand"]), (6, 4), "counted once")
        self.assertExplained(self.channel)

    def test_api_confirm_never_joins_a_salesperson_quotation(self):
        self._put(self.stock, 5)
        other = self.env["res.partner"].create({"name": "Someone Else"})
        quotation = self.env["sale.order"].create({
            "partner_id": other.id, "omni_channel_id": self.marketplace.id,
            "client_order_ref": "MKT-1",
            "order_line": [Command.create({"product_id": self.product.id,
                                           "product_uom_qty": 1})],
        })
        hold, _created = self.env["omni.stock.hold"].reserve(
            self.marketplace, self.product, 2, "mk-q", origin="api")
        hold._api_confirm({"order_reference": "MKT-1"})
        self.assertNotEqual(hold.sale_order_id, quotation)
        self.assertTrue(hold.sale_order_id.omni_from_api)
        self.assertEqual((quotation.state, len(quotation.order_line)), ("draft", 1))

    def test_salesperson_holds_confirms_and_cancels(self):
        """A salesperson needs no right on holds to hold, confirm or cancel an order."""
        self._put(self.stock, 6)
        salesman = new_test_user(self.env, "omni_salesman",
                                 groups="sales_team.group_sale_salesman")
        self.team.member_ids = salesman
        self._order = lambda qty: self.env["sale.order"].with_user(salesman).create({
            "partner_id": self.customer.id, "team_id": self.team.id,
            "warehouse_id": self.warehouse.id,
            "order_line": [Command.create({"product_id": self.product.id,
                                           "product_uom_qty": qty})]})
        order = self._order(2)
        order.action_omni_hold()
        self.assertEqual(order.omni_hold_count, 1)
        self.assertEqual(self._ats(self.channel)["ats"], 4)
        with self.assertRaises(AccessError):
            order.omni_hold_ids.write({"reference": "x"})
        with self.assertRaises(AccessError):
            order.omni_hold_ids.action_release()
        order.action_confirm()
        self.assertEqual(order.sudo().omni_hold_ids.state, "confirmed")
        second = self._order(1)
        second.action_omni_hold()
        second.action_cancel()
        self.assertEqual(second.sudo().omni_hold_ids.state, "released")

    def test_holds_beyond_stock_first_confirmation_wins(self):
        """Two orders hold one unit each; a unit then leaves the stock (a store sale, a
        breakage): the first order to confirm gets the last unit, the second is refused
        instead of both confirming their holds."""
        self._put(self.stock, 2)
        first, second = self._order(1), self._order(1)
        first.action_omni_hold()
        second.action_omni_hold()
        self._put(self.stock, -1)
        first.action_confirm()
        self.assertEqual(first.state, "sale")
        with self.assertRaisesRegex(UserError, "0.0 available"):
            second.action_confirm()
        self.assertEqual(second.state, "draft")
