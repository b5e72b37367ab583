from odoo.addons.omni_stock.tests.ats_state_common import AtsStateRandomizedMixin
from odoo.tests import tagged

from .common import OmniPosCase


@tagged("post_install", "-at_install")
class TestPosAtsStateRandomized(AtsStateRandomizedMixin, OmniPosCase):
    """The core's seeded run with the till's flows: sessions opened in "at closing" mode
    (sometimes in real time), sales and refunds withheld while open, holds for customers
    consumed by their sale, heartbeats (a store going silent with the clock, or reporting
    unsynced orders), paid lines rewritten, the closing pickings, the closing, the live
    stock job. The store's channel is compared too; the run's first warehouse is the
    POS's store."""

    ats_state_batches = 120

    @classmethod
    def _setup_ats_state(cls):
        cls.company.point_of_sale_update_stock_quantities = "closing"
        cls.pos_customer = cls.env["res.partner"].create({"name": "Rand Customer"})
        return super()._setup_ats_state()

    @classmethod
    def _ats_state_warehouses(cls):
        return cls.store, cls.central

    @classmethod
    def _prepare_ats_state_product_vals(cls, index):
        return dict(super()._prepare_ats_state_product_vals(index), available_in_pos=True,
                    lst_price=10.0, taxes_id=[])

    @classmethod
    def _ats_state_channels(cls):
        return super()._ats_state_channels() | cls.store_channel

    def _ats_state_operations(self):
        return dict(
            super()._ats_state_operations(),
            # a session stays open for about a hundred operations
            pos_open=(6, self._ats_op_pos_open),
            pos_sell=(14, self._ats_op_pos_sell),
            pos_refund=(3, self._ats_op_pos_refund),
            pos_rewrite=(4, self._ats_op_pos_rewrite),
            pos_hold=(2, self._ats_op_pos_hold),
            pos_heartbeat=(4, self._ats_op_pos_heartbeat),
            pos_pickings=(1, self._ats_op_pos_pickings),
            pos_close=(1, self._ats_op_pos_close),
            pos_notify=(1, self._ats_op_pos_notify),
        )

    def _ats_pos_session(self):
        """The POS's open session, or an empty recordset."""
        return self.config.current_session_id.filtered(lambda s: s.state != "closed")

    def _ats_pos_selling_session(self):
        """The open session, unless its closing has begun (its pickings are done)."""
        session = self._ats_pos_session()
        return session if not (session.update_stock_at_closing and session.picking_ids) \
            else session.browse()

    def _ats_op_pos_open(self, rng, product):
        if self._ats_pos_session():
            return False
        # mostly "at closing", sometimes in real time (the mode is the session's)
        self.company.point_of_sale_update_stock_quantities = rng.choices(
            ["closing", "real"], weights=[4, 1])[0]
        self.open_new_session()
        self.pos_session.with_user(self.cashier).omni_heartbeat(0)
        return True

    def _ats_op_pos_sell(self, rng, product):
        if not self._ats_pos_selling_session():
            return False
        lines = [(product, rng.randint(1, 3))]
        if rng.random() < 0.4:
            lines.append((rng.choice(self.ats_products), rng.randint(1, 2)))
        customer = self.pos_customer if rng.random() < 0.3 else False
        self._sell(lines, customer=customer)
        return True

    def _ats_op_pos_refund(self, rng, product):
        """The till's Refund button on a line sold in the open session."""
        session = self._ats_pos_selling_session()
        lines = session.order_ids.lines.filtered(
            lambda line: line.qty > 0 and line.refunded_qty < line.qty)
        if not lines:
            return False
        line = rng.choice(lines)
        self._sell([{"product": line.product_id, "quantity": -1,
                     "refunded_orderline_id": line.id}])
        return True

    def _ats_op_pos_rewrite(self, rng, product):
        """A paid line of the open session rewritten by a cashier (lines are theirs to
        write over RPC): the product drawn instead, at the same price, so that the
        session still closes (a quantity rewritten: ``test_pos_ats_state``)."""
        session = self._ats_pos_selling_session()
        lines = session.order_ids.lines.filtered(
            lambda line: line.qty > 0 and not line.refunded_qty)
        if not lines:
            return False
        line = rng.choice(lines).with_user(self.cashier)
        line.product_id = product if product != line.product_id else rng.choice(
            self.ats_products - line.product_id)
        return True

    def _ats_op_pos_hold(self, rng, product):
        """The cashier holds a product for the customer (consumed by their sale)."""
        self.config.with_user(self.cashier).omni_hold_for_customer(
            product.id, rng.randint(1, 2), "", hours=rng.choice([1, 24]),
            partner_id=self.pos_customer.id)
        return True

    def _ats_op_pos_heartbeat(self, rng, product):
        """The till beats (time passes with the core's clock: a till that stops beating
        goes silent), now and then reporting unsynced orders."""
        session = self._ats_pos_session()
        if not session:
            return False
        session.with_user(self.cashier).omni_heartbeat(rng.choice([0, 0, 0, 2]))
        return True

    def _ats_op_pos_pickings(self, rng, product):
        """The closing's pickings are done, the session is not closed yet."""
        session = self._ats_pos_session()
        if not session or not session.update_stock_at_closing or session.picking_ids:
            return False
        session._create_picking_at_end_of_session()
        return True

    def _ats_op_pos_close(self, rng, product):
        session = self._ats_pos_session()
        if not session:
            return False
        cash = sum(session.order_ids.payment_ids.filtered(
            lambda p: p.payment_method_id.is_cash_count).mapped("amount"))
        session.post_closing_cash_details(cash)
        result = session.close_session_from_ui()
        self.assertTrue(result.get("successful"), result)
        return True

    def _ats_op_pos_notify(self, rng, product):
        """The live stock job: it writes the feed when stores go offline or come back."""
        self.env["omni.pos.stock.notify"]._cron_notify()
        return True
