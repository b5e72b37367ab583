from odoo.addons.omni_stock_pos.tests.common import OmniPosCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestPosRefundDoor(OmniPosCase):
    """A till's refund checks quantity and origin like every return."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.point_of_sale_update_stock_quantities = "real"
        cls.inspection = cls.store._omni_inspection_location()
        cls.quarantine = cls.store._omni_quarantine_location()

    def qty(self, location):
        return sum(self.env["stock.quant"].search([
            ("product_id", "=", self.product.id), ("location_id", "=", location.id),
        ]).mapped("quantity"))

    def _refund(self, sold_line, qty):
        line = {"product": self.product, "quantity": -qty}
        if sold_line:
            line["refunded_orderline_id"] = sold_line.id
        return self._sell([line])

    def _returns(self, refund):
        return self.env["omni.stock.return"].search(
            [("receipt_move_id", "in", refund.picking_ids.move_ids.ids)])

    def test_refund_of_a_sale_within_what_it_sold(self):
        self.open_new_session()
        sale = self._sell([(self.product, 2)])
        rma = self._returns(self._refund(sale.lines, 2))
        self.assertEqual((rma.state, rma.origin, rma.pos_order_line_id),
                         ("received", "receipt", sale.lines))
        self.assertEqual(rma.channel_id, self.store_channel)
        self.assertEqual((self.qty(self.inspection), self.qty(self.quarantine)), (2, 0))

    def test_cashier_refund_is_received(self):
        """A cashier's refund (no right on channels) is received like any other."""
        self.open_new_session()
        sale = self._sell([(self.product, 2)])
        data = self.create_ui_order_data([{
            "product": self.product, "quantity": -1, "refunded_orderline_id": sale.lines.id}])
        result = self.env["pos.order"].with_user(self.cashier).sync_from_ui([data])
        refund = self.env["pos.order"].browse(result["pos.order"][0]["id"])
        self.assertEqual(refund.picking_ids.state, "done")
        rma = self._returns(refund)
        self.assertEqual((rma.state, rma.channel_id), ("received", self.store_channel))
        self.assertEqual(self.qty(self.inspection), 1)

    def test_refund_of_more_than_sold_is_quarantined(self):
        self.open_new_session()
        sale = self._sell([(self.product, 1)])
        self._refund(sale.lines, 1)
        again = self._returns(self._refund(sale.lines, 1))
        self.assertEqual((again.state, again.flag_reason), ("flagged", "duplicate"))
        self.assertEqual((self.qty(self.inspection), self.qty(self.quarantine)), (1, 1))

    def test_refund_naming_no_sale_is_quarantined(self):
        self.open_new_session()
        rma = self._returns(self._refund(None, 1))
        self.assertEqual((rma.state, rma.flag_reason), ("flagged", "unknown"))
        self.assertEqual(self.qty(self.quarantine), 1)
        store = self._ats(self.store_channel)
        self.assertEqual(store["ats"], 10, "nothing refunded is sellable")
