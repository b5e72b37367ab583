from odoo import Command
from odoo.tests import tagged

from .common import PosConsignmentCase


@tagged("post_install", "-at_install")
class TestPosConsignment(PosConsignmentCase):
    """A cashier sells a vendor's units at the till: the store takes them as agreed, the
    vendor is owed its share of the till's price."""

    def test_till_sells_consigned_units_first_and_settles_them(self):
        self.assertEqual(self._ats(self.store_channel)["ats"], 13)
        self.assertEqual(self._ats(self.web)["ats"], 14, "10 + 4 own, the vendor's not")
        self.open_new_session()
        order = self._sell_as_cashier(4)
        picking = order.picking_ids
        self.assertEqual(picking.state, "done")
        owners = {ml.owner_id.id: ml.quantity for ml in picking.move_line_ids}
        self.assertEqual(owners, {self.vendor.id: 3, False: 1})
        self.assertEqual(self._vendor_units(), 0)
        lines = self._bill_lines()
        # the till's price 10.00 (no tax on the test product): 50 % = 5.00 per unit
        unit = order.lines.price_subtotal / 4
        self.assertEqual(lines.quantity, 3)
        self.assertAlmostEqual(lines.price_unit, round(unit * 0.5, 2))
        self.assertEqual(lines.omni_consign_move_line_id,
                         picking.move_line_ids.filtered("owner_id"))

    def test_store_not_allowed_never_takes_the_vendor_units(self):
        self.agreement.channel_ids = [Command.set(self.web.ids)]
        self.assertEqual(self._ats(self.store_channel)["ats"], 10)
        self.open_new_session()
        order = self._sell_as_cashier(2)
        self.assertFalse(order.picking_ids.move_line_ids.owner_id)
        self.assertEqual(self._vendor_units(), 3, "no owner stock taken, none negative")
        self.assertFalse(self._bill_lines())

    def test_closing_mode_settles_the_session_pickings(self):
        """Stock moved only when the session closes: its picking takes the vendor's units
        as agreed and settles them at the session's price."""
        self.company.point_of_sale_update_stock_quantities = "closing"
        session = self.open_new_session()
        self._sell_as_cashier(2)
        self._sell_as_cashier(2)
        self.assertFalse(self._bill_lines(), "nothing left the shelf yet")
        session._create_picking_at_end_of_session()
        moved = session.picking_ids.move_line_ids
        self.assertEqual(sum(moved.filtered("owner_id").mapped("quantity")), 3)
        self.assertEqual(self._vendor_units(), 0)
        lines = self._bill_lines()
        self.assertEqual(sum(lines.mapped("quantity")), 3)
        self.assertEqual(lines.omni_consign_move_line_id, moved.filtered("owner_id"))

    def test_refund_gives_the_vendor_its_units_back_and_reverses_them(self):
        """A refund at the till of a sale of the vendor's and own units: the vendor's
        units come back first (in the order they left), as the vendor's, and exactly
        their settlement is reversed; the rest comes back as own stock."""
        self.company.point_of_sale_update_stock_quantities = "real"
        self.open_new_session()
        sale = self._sell_as_cashier(4)
        settled = self._bill_lines()
        self.assertEqual(settled.quantity, 3)
        refund = self._sell_as_cashier(-2, refunded=sale.lines)
        back = refund.picking_ids.move_line_ids
        self.assertEqual(refund.picking_ids.state, "done")
        self.assertEqual({ml.owner_id.id: ml.quantity for ml in back}, {self.vendor.id: 2})
        self.assertEqual(self._vendor_units(), 2, "the vendor's again, not the store's")
        lines = self._bill_lines()
        self.assertEqual(lines.mapped("quantity"), [3, -2])
        self.assertEqual(lines[1].price_unit, settled.price_unit)
        self.assertEqual(lines[1].omni_consign_move_line_id, back)
        # the next refund of the same sale: the last vendor unit, then the own one
        again = self._sell_as_cashier(-2, refunded=sale.lines)
        split = {ml.owner_id.id: ml.quantity for ml in again.picking_ids.move_line_ids}
        self.assertEqual(split, {self.vendor.id: 1, False: 1})
        self.assertEqual(again.picking_ids.state, "done")
        self.assertEqual(self._bill_lines().mapped("quantity"), [3, -2, -1])
        self.assertEqual(self._vendor_units(), 3)

    def test_closing_mode_refund_in_the_same_session_gives_the_vendor_its_units(self):
        """Stock moved when the session closes, a sale and its refund in that session:
        the refund brings back the vendor's units it sold (as in real-time mode), and
        the vendor is owed only the units that stayed sold."""
        self.company.point_of_sale_update_stock_quantities = "closing"
        session = self.open_new_session()
        sale = self._sell_as_cashier(4)
        self._sell_as_cashier(-2, refunded=sale.lines)
        session._create_picking_at_end_of_session()
        back = session.picking_ids.move_line_ids.filtered(
            lambda ml: ml.location_id.usage == "customer")
        self.assertEqual({ml.owner_id.id: ml.quantity for ml in back}, {self.vendor.id: 2})
        self.assertEqual(self._vendor_units(), 2)
        self.assertEqual(self._bill_lines().mapped("quantity"), [3, -2])
        self.assertEqual(self._bill_lines()[1].omni_consign_move_line_id, back)
