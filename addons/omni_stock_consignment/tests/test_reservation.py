from odoo.exceptions import UserError

from .common import ConsignmentCase


class TestConsignmentReservation(ConsignmentCase):
    """Orders reserve and deliver the units their channel may sell, in the agreement's
    order; no owner's stock goes negative."""

    def test_store_order_takes_consigned_units_first(self):
        self._put(self.stock, 5)
        self._put(self.stock, 3, owner=self.vendor)
        order = self._order(4, user=self.salesperson)
        order.action_confirm()
        lines = order.picking_ids.move_line_ids
        self.assertEqual(sum(lines.filtered(lambda ml: ml.owner_id == self.vendor)
                             .mapped("quantity")), 3)
        self.assertEqual(sum(lines.filtered(lambda ml: not ml.owner_id)
                             .mapped("quantity")), 1)
        self._deliver(order.picking_ids)
        self.assertEqual((self._owned(self.vendor), self._owned(None)), (0, 4))

    def test_own_stock_first_when_the_agreement_says_so(self):
        self.agreement.consume_first = "own"
        self._put(self.stock, 3, owner=self.vendor)  # received first: FIFO would take it
        self._put(self.stock, 5)
        order = self._order(6)
        order.action_confirm()
        lines = order.picking_ids.move_line_ids
        self.assertEqual(sum(lines.filtered(lambda ml: not ml.owner_id).mapped("quantity")), 5)
        self.assertEqual(sum(lines.filtered(lambda ml: ml.owner_id == self.vendor)
                             .mapped("quantity")), 1)

    def test_web_order_never_reserves_the_owner_units(self):
        self._put(self.stock, 3, owner=self.vendor)  # received first: FIFO would take it
        self._put(self.stock, 2)
        order = self._order(2, team=self.web_team, user=self.salesperson)
        self.assertEqual(order.omni_channel_id, self.channel)
        order.action_confirm()
        picking = order.picking_ids
        self.assertFalse(picking.move_line_ids.owner_id)
        self.assertEqual(picking.move_ids.quantity, 2)
        # the web shop cannot promise the vendor's units: a third unit is refused
        more = self._order(1, team=self.web_team, user=self.salesperson)
        with self.assertRaises(UserError):
            more.action_confirm()
        self._deliver(picking)
        self.assertEqual((self._owned(self.vendor), self._owned(None)), (3, 0))
        self.assertFalse(self._bill_lines(), "own units sold: nothing owed")

    def test_order_without_channel_keeps_odoo_behaviour(self):
        self._put(self.stock, 2, owner=self.vendor)
        move = self._move(self.stock, self.customer_loc, 2)
        move._action_assign()
        self.assertEqual(move.move_line_ids.owner_id, self.vendor)
