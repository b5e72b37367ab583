from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user

from .common import ConsignmentCase


class TestConsignmentSettlement(ConsignmentCase):
    """Each consigned unit that left is on the owner's draft self-billing bill of the
    period, traceable to its stock move line; returns take it back."""

    def _sell(self, qty, price=80.0):
        order = self._order(qty, price=price, user=self.salesperson)
        order.action_confirm()
        self._deliver(order.picking_ids)
        return order

    def test_sale_settled_at_the_share_of_the_sale_price(self):
        self._put(self.stock, 1)
        self._put(self.stock, 3, owner=self.vendor)
        order = self._sell(4, price=80.0)
        lines = self._bill_lines()
        self.assertEqual(len(lines), 1)
        # 3 consigned units at 60 % of 80.00 = 48.00 each; the own unit owes nothing
        self.assertEqual((lines.quantity, lines.price_unit, lines.price_subtotal),
                         (3, 48.0, 144.0))
        ml = lines.omni_consign_move_line_id
        self.assertEqual((ml.owner_id, ml.move_id.sale_line_id), (self.vendor, order.order_line))
        bill = lines.move_id
        today = date.today()
        self.assertEqual((bill.state, bill.move_type, bill.partner_id),
                         ("draft", "in_invoice", self.vendor))
        self.assertEqual(bill.omni_consign_period_start, today.replace(day=1))
        self.assertEqual(bill.omni_consign_agreement_id, self.agreement)
        # a second sale in the period adds to the same bill
        self._put(self.stock, 2, owner=self.vendor)
        self._sell(2, price=70.0)
        lines = self._bill_lines()
        self.assertEqual(lines.move_id, bill)
        self.assertEqual(lines.mapped("price_unit"), [48.0, 42.0])
        self.assertEqual(bill.amount_untaxed, 228.0)
        # settling again adds nothing (one bill line per stock move line)
        lines.omni_consign_move_line_id._omni_consign_settle()
        self.assertEqual(len(self._bill_lines()), 2)

    def test_fixed_price_from_the_vendor_price_list(self):
        self.agreement.write({"price_mode": "fixed"})
        self.env["product.supplierinfo"].create({
            "partner_id": self.vendor.id, "product_tmpl_id": self.product.product_tmpl_id.id,
            "price": 21.35})
        self._put(self.stock, 2, owner=self.vendor)
        self._sell(2)
        lines = self._bill_lines()
        self.assertEqual((lines.quantity, lines.price_unit, lines.price_subtotal),
                         (2, 21.35, 42.7))

    def test_customer_return_reverses_at_the_settled_price(self):
        self._put(self.stock, 3, owner=self.vendor)
        order = self._sell(3, price=80.0)
        picking = order.picking_ids
        wizard = Form(self.env["stock.return.picking"].with_context(
            active_id=picking.id, active_model="stock.picking")).save()
        wizard.product_return_moves.quantity = 1
        action = wizard.action_create_returns()
        back = self.env["stock.picking"].browse(action["res_id"])
        back.move_ids.quantity = 1
        back.move_ids.picked = True
        back.button_validate()
        self.assertEqual(back.move_line_ids.owner_id, self.vendor)
        # back in the warehouse (the inspection location, with the returns addon)
        self.assertEqual(self._owned(self.vendor, self.warehouse.view_location_id), 1,
                         "the returned unit is the vendor's again")
        lines = self._bill_lines()
        self.assertEqual(lines.mapped("quantity"), [3, -1])
        self.assertEqual(lines.mapped("price_unit"), [48.0, 48.0])
        self.assertEqual(lines.move_id.amount_untaxed, 96.0)
        self.assertEqual(lines[1].omni_consign_move_line_id, back.move_line_ids)

    def _return(self, picking, qty, user=None):
        """A customer return of ``qty`` units of ``picking``, made by ``user``."""
        env = self.env(user=user) if user else self.env
        wizard = Form(env["stock.return.picking"].with_context(
            active_id=picking.id, active_model="stock.picking")).save()
        wizard.product_return_moves.quantity = qty
        back = env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
        back.action_assign()
        return back

    def _returned_by_owner(self, back):
        split = {}
        for ml in back.move_line_ids:
            split[ml.owner_id.id] = split.get(ml.owner_id.id, 0) + ml.quantity
        return split

    def test_mixed_delivery_return_gives_each_owner_its_units(self):
        """A return of a delivery of the vendor's and own units gives the vendor back its
        units first (in the order they left) and reverses exactly those."""
        self._put(self.stock, 2)
        self._put(self.stock, 3, owner=self.vendor)
        picking = self._sell(5, price=80.0).picking_ids
        self.assertEqual(self._returned_by_owner(picking), {self.vendor.id: 3, False: 2})
        back = self._return(picking, 4, user=self.stock_user)
        self.assertEqual(self._returned_by_owner(back), {self.vendor.id: 3, False: 1})
        back.move_ids.picked = True
        back.button_validate()
        self.assertEqual(back.state, "done")
        warehouse = self.warehouse.view_location_id
        self.assertEqual((self._owned(self.vendor, warehouse), self._owned(None, warehouse)),
                         (3, 1))
        lines = self._bill_lines()
        self.assertEqual(lines.mapped("quantity"), [3, -3])
        self.assertEqual(lines.mapped("price_unit"), [48.0, 48.0])
        self.assertEqual(lines[1].omni_consign_move_line_id,
                         back.move_line_ids.filtered("owner_id"))
        # the last unit out is own: a second return brings it back as own, owes nothing
        again = self._return(picking, 1, user=self.stock_user)
        self.assertEqual(self._returned_by_owner(again), {False: 1})
        again.move_ids.picked = True
        again.button_validate()
        self.assertEqual(len(self._bill_lines()), 2)

    def test_return_cannot_give_an_owner_more_than_it_delivered(self):
        self._put(self.stock, 2)
        self._put(self.stock, 1, owner=self.vendor)
        picking = self._sell(3).picking_ids
        back = self._return(picking, 2, user=self.stock_user)
        self.assertEqual(self._returned_by_owner(back), {self.vendor.id: 1, False: 1})
        # the user names the vendor on the own unit's line: refused, nothing done
        back.move_line_ids.filtered(lambda ml: not ml.owner_id).owner_id = self.vendor
        back.move_ids.picked = True
        with self.assertRaisesRegex(UserError, "Atelier Nord cannot come back"):
            back.button_validate()
        self.assertEqual(back.state, "assigned")
        self.assertEqual(self._bill_lines().mapped("quantity"), [1])
        # naming the company (own stock) for it is accepted
        back.move_line_ids[-1:].owner_id = self.company.partner_id
        back.button_validate()
        self.assertEqual(self._bill_lines().mapped("quantity"), [1, -1])

    def test_scrap_of_consigned_units_is_owed(self):
        self._put(self.stock, 2, owner=self.vendor)
        scrap = self.env["stock.scrap"].create({
            "product_id": self.product.id, "scrap_qty": 1, "location_id": self.stock.id,
            "owner_id": self.vendor.id,
        })
        scrap.action_validate()
        lines = self._bill_lines()
        # no sale price: 60 % of the sales price 50.00
        self.assertEqual((lines.quantity, lines.price_unit), (1, 30.0))
        self.assertIn("scrapped", lines.name)
        self.assertEqual(self._owned(self.vendor), 1)

    def test_count_loss_of_consigned_units_is_owed(self):
        self._put(self.stock, 4, owner=self.vendor)
        quant = self.env["stock.quant"].search([
            ("product_id", "=", self.product.id), ("location_id", "=", self.stock.id),
            ("owner_id", "=", self.vendor.id)])
        quant.with_context(inventory_mode=True).inventory_quantity = 1
        quant.with_context(inventory_mode=True).action_apply_inventory()
        lines = self._bill_lines()
        self.assertEqual((lines.quantity, lines.price_unit), (3, 30.0))
        self.assertIn("lost", lines.name)

    def test_units_consumed_in_production_are_owed(self):
        """A vendor's units used up as components (moved to the production location) left
        the retailer's shelf as surely as sold ones."""
        self._put(self.stock, 3, owner=self.vendor)
        production = self.env["stock.location"].search(
            [("usage", "=", "production"), ("company_id", "in", [self.env.company.id, False])],
            limit=1)
        move = self._move(self.stock, production, 2)
        move._action_assign()
        move.picked = True
        # (by the server: a stock user's move to production is an adjustment, refused)
        move._action_done()
        lines = self._bill_lines()
        self.assertEqual((lines.quantity, lines.price_unit), (2, 30.0))
        self.assertIn("consumed in production", lines.name)
        self.assertEqual(self._owned(self.vendor), 1)

    def test_weekly_period_gets_its_own_bill(self):
        self.agreement.period = "weekly"
        self._put(self.stock, 1, owner=self.vendor)
        self._sell(1)
        bill = self._bill_lines().move_id
        start, end = bill.omni_consign_period_start, bill.omni_consign_period_end
        self.assertEqual(start.weekday(), 0)
        self.assertEqual((end - start).days, 6)

    def test_posted_bill_is_not_touched(self):
        self._put(self.stock, 2, owner=self.vendor)
        self._sell(1)
        bill = self._bill_lines().move_id
        bill.action_post()
        self._sell(1)
        lines = self._bill_lines()
        self.assertEqual(len(lines.move_id), 2)
        self.assertEqual(lines[0].move_id.state, "posted")
        self.assertEqual(lines[1].move_id.state, "draft")
        self.assertEqual(len(lines[0].move_id.invoice_line_ids), 1)

    def test_every_consigned_unit_out_is_on_a_bill(self):
        """What left each owner (sales, scraps, losses) == what its bills say."""
        self.agreement.channel_ids = [Command.link(self.channel.id)]
        self._put(self.stock, 5, owner=self.vendor)
        self._put(self.stock, 5)
        self._sell(3)
        order = self._order(4, team=self.web_team)
        order.action_confirm()
        self._deliver(order.picking_ids)
        out = self.env["stock.move.line"].search([
            ("owner_id", "=", self.vendor.id), ("state", "=", "done"),
            ("location_dest_id.usage", "in", ("customer", "inventory"))])
        self.assertEqual(sum(out.mapped("quantity")), 5)
        self.assertEqual(sum(self._bill_lines().mapped("quantity")), 5)
        self.assertEqual(self._bill_lines().omni_consign_move_line_id, out)

    def test_count_loss_through_approval_is_owed_once_approved(self):
        """A counted loss of consigned units follows the suite's reasons and approvals;
        the vendor is owed it when the approver applies it, not before."""
        self.company.write({"omni_adj_threshold_qty": 2, "omni_adj_threshold_value": 0,
                            "omni_stock_lock_date": False})
        reason = self.env["omni.stock.adjustment.reason"].create(
            {"name": "Consigned recount", "code": "T-CONSIGN"})
        approver = new_test_user(self.env, login="consign_approver",
                                 groups="omni_stock_adjustment.group_adjustment_approver")
        self._put(self.stock, 5, owner=self.vendor)
        quant = self.env["stock.quant"].search([
            ("product_id", "=", self.product.id), ("location_id", "=", self.stock.id),
            ("owner_id", "=", self.vendor.id)])
        counted = quant.with_user(self.stock_user).with_context(inventory_mode=True)
        counted.write({"inventory_quantity": 1, "omni_reason_id": reason.id})
        counted.action_apply_inventory()
        request = self.env["omni.stock.adjustment.request"].search(
            [("product_id", "=", self.product.id)])
        self.assertEqual((request.state, request.owner_id), ("to_approve", self.vendor))
        self.assertFalse(self._bill_lines(), "nothing owed before the approval")
        self.assertEqual(self._owned(self.vendor), 5)
        request.with_user(approver).action_approve()
        self.assertEqual(self._owned(self.vendor), 1)
        lines = self._bill_lines()
        self.assertEqual((lines.quantity, lines.price_unit), (4, 30.0))
        self.assertEqual(lines.omni_consign_move_line_id.owner_id, self.vendor)
        self.assertEqual(request.reason_id, reason)
