from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoReturns(TransactionCase):
    """The demo has returns in every state, and history enough for a resale yield."""

    def test_returns_in_every_state(self):
        def rma(name):
            return self.env.ref(f"omni_stock_demo.return_{name}")

        central = self.env.ref("omni_stock_demo.wh_central")
        self.assertEqual(central.omni_inspection_location_id,
                         self.env.ref("omni_stock_demo.loc_central_returns"))
        self.assertEqual(rma("expected").state, "expected")
        self.assertEqual(rma("awaiting").state, "received")
        self.assertEqual(rma("awaiting").location_id, central.omni_inspection_location_id)
        self.assertEqual(rma("late").state, "received")
        self.assertTrue(rma("late").activity_ids, "late: the manager has an activity")
        self.assertEqual(rma("graded").state, "inspected")
        self.assertEqual(rma("refurbishing").state, "refurbishing")
        self.assertEqual(rma("vendor").transfer_ids.location_dest_id.usage, "supplier")
        self.assertEqual(rma("scrapped").scrap_id.state, "done")
        self.assertEqual((rma("flagged").state, rma("flagged").flag_reason),
                         ("flagged", "duplicate"))
        self.assertEqual(rma("flagged").location_id, central.omni_quarantine_location_id)

    def test_yield_shows_as_probable_supply(self):
        tee = self.env.ref("omni_stock_demo.product_tee_wht_m")
        web = self.env.ref("omni_stock_demo.channel_web")
        figures = web.get_ats(tee)[tee.id]
        self.assertGreater(figures["returns_expected"], 0)
        self.assertLess(figures["returns_expected"], figures["inspection"] + 1e-6)
