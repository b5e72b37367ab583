"""The demo retailer's stores (``omni_stock_demo``, installed with the suite in the
test database): their tills, and a cashier of the least privilege, without an
e-mail address, in a company without one either."""

from odoo.addons.omni_stock.tests.rpc import RpcMixin

# the Slim Jeans of the demo: store figures the cashier's journey starts from
JEANS = "JEAN-IND-%s"
PARIS_JEANS = {"28": 8, "30": 0, "32": 1, "34": 42}
RETURNED_34 = 3  # size 34 returned at the till, awaiting inspection


class DemoStoreMixin(RpcMixin):
    """For an ``HttpCase``: ``setUpDemoStore()`` in ``setUpClass``."""

    @classmethod
    def setUpDemoStore(cls):
        cls.demo = bool(cls.env.ref("omni_stock_demo.pos_config_par", raise_if_not_found=False))
        if not cls.demo:
            return
        company = cls.env.ref("base.main_company")
        # no sender address anywhere: neither the cashier's nor the company's
        company.write({"email": False})
        company.partner_id.email = False
        cls.cashier = cls.rpc_user(
            "omni_cashier_nomail", ["base.group_user", "point_of_sale.group_pos_user"],
            name="Zoé Nomail (cashier)", company=company, email=False)
        cls.cashier.partner_id.email = False

    def setUp(self):
        super().setUp()
        if not self.demo:
            self.skipTest("the demo retailer (omni_stock_demo) is not installed")

    def till(self, code):
        return self.env.ref(f"omni_stock_demo.pos_config_{code.lower()}")

    def jeans(self, size):
        return self.env["product.product"].search([("default_code", "=", JEANS % size)])

    def close_open_session(self, config):
        """The demo leaves some tills open: the administrator closes them."""
        session = config.current_session_id
        if session:
            session = session.with_user(self.env.ref("base.user_admin"))
            session.update_closing_control_state_session("")
            self.assertEqual(session.close_session_from_ui(), {"successful": True})

    def order_data(self, config, session, lines, uuid, partner=False):
        """A paid order as the POS screen sends it: ``lines`` ``[(product, qty)]``,
        paid with the till's first payment method."""
        total = sum(product.lst_price * qty for product, qty in lines)
        return {
            "session_id": session.id, "name": f"Order {uuid}", "uuid": uuid,
            "sequence_number": 1, "date_order": "2026-01-01 10:00:00",
            "pricelist_id": config.pricelist_id.id, "fiscal_position_id": False,
            "partner_id": partner and partner.id, "user_id": self.cashier.id,
            "to_invoice": False, "amount_paid": total, "amount_total": total,
            "amount_tax": 0, "amount_return": 0, "last_order_preparation_change": "{}",
            "lines": [(0, 0, {
                "product_id": product.id, "qty": qty, "price_unit": product.lst_price,
                "price_subtotal": product.lst_price * qty,
                "price_subtotal_incl": product.lst_price * qty,
                "tax_ids": [], "pack_lot_ids": []}) for product, qty in lines],
            "payment_ids": [(0, 0, {
                "amount": total, "payment_method_id": config.payment_method_ids[:1].id,
                "name": "2026-01-01 10:00:00"})],
        }
