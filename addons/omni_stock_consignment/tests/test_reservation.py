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

    def _owners_taken(self, move):
        taken = {}
        for ml in move.move_line_ids:
            taken[ml.owner_id.id] = taken.get(ml.owner_id.id, 0) + ml.quantity
        return taken

    def test_manual_delivery_follows_the_agreement_order(self):
        """A delivery made by hand (no channel) takes the vendor's units first when its
        agreement says so, own units first when it says own first."""
        self._put(self.stock, 2)
        self._put(self.stock, 3, owner=self.vendor)
        move = self._move(self.stock, self.customer_loc, 4).with_user(self.stock_user)
        move._action_assign()
        self.assertEqual(self._owners_taken(move), {self.vendor.id: 3, False: 1})
        move._action_cancel()
        self.agreement.consume_first = "own"
        move = self._move(self.stock, self.customer_loc, 4).with_user(self.stock_user)
        move._action_assign()
        self.assertEqual(self._owners_taken(move), {False: 2, self.vendor.id: 2})
        move.picked = True
        move._action_done()
        self.assertEqual((self._owned(self.vendor), self._owned(None)), (1, 0))
        self.assertEqual(sum(self._bill_lines().mapped("quantity")), 2, "the units sold are owed")

    def test_moves_without_channel_never_take_an_owner_not_allowed(self):
        """Internal transfers, manual deliveries and replenishment leave alone the units
        of a vendor without agreement, or whose agreement keeps them to its channels."""
        self.agreement.unchanneled_moves = False
        self._put(self.stock, 2, owner=self.other_vendor)  # no agreement
        self._put(self.stock, 2, owner=self.vendor)
        self._put(self.stock, 1)
        transfer = self._move(self.stock, self.locations["unpickable"], 3).with_user(
            self.stock_user)
        transfer._action_assign()
        self.assertEqual(self._owners_taken(transfer), {False: 1})
        self.assertEqual(transfer.state, "partially_available")
        self.assertEqual(transfer._get_available_quantity(self.stock), 0,
                         "nothing more it may take")
        delivery = self._move(self.stock, self.customer_loc, 1).with_user(self.stock_user)
        delivery._action_assign()
        self.assertFalse(delivery.move_line_ids, "no own unit left, no owner's taken")
        # the store's order still sells Atelier Nord's units
        order = self._order(1, user=self.salesperson)
        order.action_confirm()
        self.assertEqual(self._owners_taken(order.picking_ids.move_ids), {self.vendor.id: 1})
        # naming the owner still moves its units
        named = self._move(self.stock, self.shelf, 2, restrict_partner_id=self.other_vendor.id)
        named.with_user(self.stock_user)._action_assign()
        self.assertEqual(self._owners_taken(named), {self.other_vendor.id: 2})

    def test_replenishment_takes_only_what_agreements_allow(self):
        """A resupply between warehouses (procurement, no channel) takes own stock and
        the units of the owners that allow it, never the others'."""
        self._put(self.stock, 3, owner=self.other_vendor)
        self._put(self.stock, 1, owner=self.vendor)
        group = self.env["procurement.group"].create({"name": "consign resupply"})
        move = self._move(self.stock, self.locations["quarantine"], 4, group_id=group.id)
        move._action_assign()
        self.assertEqual(self._owners_taken(move), {self.vendor.id: 1})
        self.assertFalse(move.move_line_ids.owner_id - self.vendor)

    def test_quantity_set_by_hand_takes_the_units_the_move_may_take(self):
        """A picker who types more than was reserved (the vendor's units arrived after
        the delivery was reserved) delivers the units the move may take, in the
        agreement's order: the vendor's units leave and are owed, own stock never goes
        negative while they sit on the shelf."""
        self._put(self.stock, 2)
        move = self._move(self.stock, self.customer_loc, 5)
        move._action_assign()
        self.assertEqual(self._owners_taken(move), {False: 2})
        self._put(self.shelf, 3, owner=self.vendor)
        move.with_user(self.stock_user).quantity = 5
        self.assertEqual(self._owners_taken(move), {False: 2, self.vendor.id: 3})
        self.assertEqual(move.move_line_ids.filtered("owner_id").location_id, self.shelf)
        move.picked = True
        move._action_done()
        self.assertEqual((self._owned(self.vendor), self._owned(None)), (0, 0))
        self.assertEqual(sum(self._bill_lines().mapped("quantity")), 3)

    def test_quantity_set_by_hand_never_takes_an_owner_not_allowed(self):
        """The web shop may not sell Atelier Nord's units: typed by hand beyond its own
        stock, the delivery takes own stock only (Odoo's own behaviour: own stock goes
        negative, to be counted), never the vendor's, and nothing is owed."""
        self._put(self.stock, 1)
        self._put(self.stock, 3, owner=self.vendor)
        order = self._order(1, team=self.web_team, user=self.salesperson)
        order.action_confirm()
        move = order.picking_ids.move_ids
        move.with_user(self.stock_user).quantity = 2
        self.assertEqual(self._owners_taken(move), {False: 2})
        move.picked = True
        move._action_done()
        self.assertEqual((self._owned(self.vendor), self._owned(None)), (3, -1))
        self.assertFalse(self._bill_lines())
