from odoo.addons.omni_stock_pos.models.omni_ats import pos_till
from odoo.tests import TransactionCase, tagged

from ..models.omni_stock_demo_loader import STORES
from ..models.omni_stock_demo_pos import CLOSING_STORE, DEMO_SALE, OFFLINE_STORE


@tagged("post_install", "-at_install")
class TestDemoPos(TransactionCase):
    """Each store has a till on its channel; Paris sells "at closing", Lille is offline."""

    def _config(self, code):
        return self.env.ref(f"omni_stock_demo.pos_config_{code.lower()}")

    def test_a_till_per_store_on_its_channel_with_products(self):
        for _name, code in STORES:
            config = self._config(code)
            self.assertEqual(config.omni_warehouse_id,
                             self.env.ref(f"omni_stock_demo.wh_{code.lower()}"))
            self.assertEqual(config.omni_channel_id,
                             self.env.ref(f"omni_stock_demo.channel_{code.lower()}"))
        products = self.env["product.product"].search(
            [("available_in_pos", "=", True), ("is_storable", "=", True)])
        badges = self._config("LYO").omni_stock_badges(products.ids)
        self.assertTrue(any(ats > 0 for ats in badges.values()))

    def test_closing_mode_sale_withheld(self):
        session = self._config(CLOSING_STORE).current_session_id
        self.assertTrue(session.update_stock_at_closing)
        self.assertEqual(session.state, "opened")
        line = session.order_ids.lines
        self.assertEqual(line.qty, DEMO_SALE)
        channel = self.env.ref(f"omni_stock_demo.channel_{CLOSING_STORE.lower()}")
        # as the till computes (the demo's Paris till goes silent 10 minutes after loading)
        with pos_till(channel.id):
            figures = self.env["omni.ats"].compute(
                line.product_id, channel=channel)[line.product_id.id]
        self.assertEqual(figures["withheld"], DEMO_SALE)
        explanation = channel.explain(line.product_id)
        self.assertAlmostEqual(explanation.total, explanation.ats)

    def test_offline_store_not_promised_by_ship_from_store(self):
        code, _minutes = OFFLINE_STORE
        store = self.env.ref(f"omni_stock_demo.wh_{code.lower()}")
        quant = self.env["stock.quant"].search([
            ("location_id", "=", store.lot_stock_id.id), ("quantity", ">", 0)], limit=1)
        product = quant.product_id
        ship = self.env.ref("omni_stock_demo.channel_ship_from_store")
        self.assertGreaterEqual(ship.get_ats(product)[product.id]["withheld"], quant.quantity)
        # its own till still sells it
        badges = self._config(code)._omni_badges(product.ids)
        self.assertEqual(badges[product.id], ship.get_ats(product)[product.id]["withheld"])
        explanation = ship.explain(product)
        self.assertAlmostEqual(explanation.total, explanation.ats)
        self.assertIn("store POS offline since",
                      " ".join(line.description for line in explanation.lines))
