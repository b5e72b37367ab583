from odoo import Command, fields
from odoo.addons.omni_stock_consignment.tests.common import ConsignmentCase
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

FINANCE = "omni_stock_adjustment.group_stock_values"


@tagged("post_install", "-at_install")
class TestConsignmentFinance(ConsignmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product.standard_price = 12.34
        cls.finance = new_test_user(cls.env, login="consign_finance",
                                    groups=f"{FINANCE},purchase.group_purchase_user")
        cls.today = fields.Date.context_today(cls.env.user)

    def _receive(self, vendor, qty):
        order = self.env["purchase.order"].create({
            "partner_id": vendor.id, "picking_type_id": self.warehouse.in_type_id.id,
            "order_line": [Command.create({"product_id": self.product.id,
                                           "product_qty": qty, "price_unit": 20.0})],
        })
        order.button_confirm()
        order.picking_ids.move_ids.quantity = qty
        order.picking_ids.move_ids.picked = True
        order.picking_ids.button_validate()

    def _valuation(self):
        rows = self.env["omni.stock.valuation.report"].with_user(self.finance).search(
            [("product_id", "=", self.product.id)])
        return sum(rows.mapped("quantity")), round(sum(rows.mapped("value")), 2)

    def test_valuation_by_status_unchanged_by_a_consigned_receipt(self):
        self._receive(self.other_vendor, 3)  # bought outright: 3 x 12.34
        self.assertEqual(self._valuation(), (3, 37.02))
        self._receive(self.vendor, 5)  # consigned
        self.assertEqual(self._owned(self.vendor), 5)
        self.assertEqual(self._valuation(), (3, 37.02))

    def test_reconciliation_shows_consigned_stock_off_balance(self):
        self._receive(self.other_vendor, 3)
        self._receive(self.vendor, 5)
        order = self._order(2, price=80.0)
        order.action_confirm()
        self._deliver(order.picking_ids)  # 2 consigned units sold (consigned first)
        reconciliation = self.env["omni.stock.reconciliation"].with_user(self.finance).create(
            {"date_from": self.today.replace(day=1), "date_to": self.today})
        reconciliation.action_compute()
        self.assertEqual(reconciliation.omni_consigned_qty, 3)
        self.assertFalse(reconciliation.line_ids.filtered(
            lambda ln: ln.product_id == self.product),
            "consigned units are no difference between ERP, layers and ledger")

    def test_period_close_lists_unsettled_consigned_sales(self):
        self._put(self.stock, 2, owner=self.vendor)
        order = self._order(2, price=80.0)
        order.action_confirm()
        self._deliver(order.picking_ids)
        Close = self.env["omni.stock.period.close"].with_user(self.finance)
        close = Close.create({"date_from": self.today.replace(day=1), "date_to": self.today})
        close.action_check()
        item = close.check_ids.filtered(lambda c: c.code == "consigned_unsettled")
        self.assertEqual((item.state, item.count), ("open", 1))
        lines = self.env["account.move.line"].search(safe_eval(item.domain))
        self.assertEqual(lines, self._bill_lines())
        self._bill_lines().move_id.action_post()
        close.action_check()
        item = close.check_ids.filtered(lambda c: c.code == "consigned_unsettled")
        self.assertEqual((item.state, item.count), ("ok", 0))
