from odoo.tests import tagged

from .common import OmniPosCase


@tagged("post_install", "-at_install")
class TestPosClosingMode(OmniPosCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.point_of_sale_update_stock_quantities = "closing"

    def _close(self, session):
        cash = sum(session.order_ids.payment_ids.filtered(
            lambda p: p.payment_method_id.is_cash_count).mapped("amount"))
        session.post_closing_cash_details(cash)
        session.close_session_from_ui()

    def test_sale_withheld_at_once_and_released_exactly_by_closing_pickings(self):
        session = self.open_new_session()
        session.omni_heartbeat(0)
        self.assertTrue(session.update_stock_at_closing)
        self._sell([(self.product, 3)])
        self.assertFalse(session.picking_ids, "no stock move before closing")
        # before closing: every channel sourcing the store withholds the 3 units
        web = self._ats(self.web)
        self.assertEqual(web["withheld"], 3)
        self.assertEqual(web["ats"], 7 + 4)
        store = self._ats(self.store_channel)
        self.assertEqual((store["on_hand"], store["ats"]), (10, 7))
        # the explanation states it and sums to the ATS
        explanation = self.env["omni.ats"].explain(self.product, self.web)
        self.assertEqual(explanation.total, web["ats"])
        self.assertIn("sold in open POS session, no stock move yet",
                      " ".join(line.description for line in explanation.lines))
        # the central warehouse's channel does not source the store: nothing withheld
        self.assertEqual(self._ats(self.central_channel)["withheld"], 0)
        # during closing: the closing pickings are done, the session not yet closed
        session._create_picking_at_end_of_session()
        self.assertEqual(session.picking_ids.mapped("state"), ["done"])
        self.assertNotEqual(session.state, "closed")
        store = self._ats(self.store_channel)
        self.assertEqual((store["on_hand"], store["withheld"], store["ats"]), (7, 0, 7))
        self.assertEqual(self._ats(self.web)["ats"], 11)

    def test_figures_right_after_closing(self):
        session = self.open_new_session()
        self._sell([(self.product, 2)])
        self._sell([(self.product, 1)])
        self.assertEqual(self._ats(self.store_channel)["ats"], 7)
        self._close(session)
        self.assertEqual(session.state, "closed")
        store = self._ats(self.store_channel)
        self.assertEqual((store["on_hand"], store["withheld"], store["ats"]), (7, 0, 7))

    def test_withheld_spread_over_sublocations_capped_at_free_stock(self):
        self.env["stock.quant"]._update_available_quantity(
            self.product, self.store.lot_stock_id, 2)
        self.open_new_session()
        self._sell([(self.product, 5)])
        rows = self.env["omni.ats"]._explain_locations(
            *self._scope_ctx(self.store_channel))
        withheld = {row.location_id: sum(q for _label, q in row.withheld) for row in rows}
        # the POS's own location first, the rest from its sub-location
        self.assertEqual(withheld[self.store.lot_stock_id.id], 2)
        self.assertEqual(withheld[self.shelf.id], 3)
        self.assertEqual(self._ats(self.store_channel)["ats"], 12 - 5)
        self._sell([(self.product, 20)])
        self.assertEqual(self._ats(self.store_channel)["ats"], 0)

    def _scope_ctx(self, channel):
        Ats = self.env["omni.ats"]
        scope = Ats._scope(self.product, channel)
        return scope, Ats._statement_context(scope)

    def test_refund_lands_in_inspection(self):
        self.company.point_of_sale_update_stock_quantities = "real"
        self.open_new_session()
        order = self._sell([(self.product, 2)])
        self.assertEqual(self._ats(self.store_channel)["ats"], 8)
        # the till's Refund button: the refund names the sale line it refunds
        refund = self._sell([{"product": self.product, "quantity": -1,
                              "refunded_orderline_id": order.lines.id}])
        self.assertTrue(order and refund)
        inspection = self.store._omni_inspection_location()
        self.assertEqual(inspection.omni_status, "inspection")
        self.assertEqual(inspection.warehouse_id, self.store)
        store = self._ats(self.store_channel)
        self.assertEqual(store["inspection"], 1)
        self.assertEqual(store["ats"], 8, "a refunded unit is not sellable until inspected")
