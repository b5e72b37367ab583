from odoo.tests import tagged

from .common import OmniWebsiteCase


@tagged("post_install", "-at_install")
class TestWebsiteWithoutChannel(OmniWebsiteCase):
    """A website without a sales channel keeps Odoo's behaviour."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plain = cls.env["website"].create({
            "name": "Plain Shop", "company_id": cls.company.id,
            "warehouse_id": cls.warehouse.id})

    def test_free_qty_and_no_holds(self):
        untrusted = self.env["stock.location"].create({
            "name": "Mezzanine", "location_id": self.stock.id, "usage": "internal",
            "omni_accuracy": 10.0})
        self._put(self.stock, 2)
        self._put(untrusted, 1)
        self.channel.write({"safety_stock_qty": 1, "min_location_accuracy": 95})
        odoo_free_qty = self.product.with_context(warehouse_id=self.warehouse.id).free_qty
        self.assertEqual(odoo_free_qty, 3)
        info = self._combination(website=self.plain)
        self.assertEqual(info["free_qty"], odoo_free_qty)
        self.assertNotIn("omni_channel", info)
        with self._shopper(website=self.plain) as shop:
            cart, values = self._add(shop, self.product, 5)
            self.assertEqual(values["quantity"], 3, "Odoo's own limit: free quantity")
            self.assertFalse(cart.omni_hold_ids)
            self.assertFalse(cart._omni_is_cart())
            self.assertEqual(self.product.with_env(shop.env)._is_sold_out(), False)
        # the channel's web shop would have promised 1 (2 trusted - 1 safety)
        self.assertEqual(self._combination()["free_qty"], 1)
