import json

from odoo import Command
from odoo.tests import tagged

from .common import OmniShopHttpCase


@tagged("post_install", "-at_install")
class TestPickupStoreScope(OmniShopHttpCase):
    """The shop answers for the stores of its *Pick up in store* method only: a shopper
    sending the id of another warehouse (a store the shop does not offer for pickup)
    as his pickup location learns nothing of its stock: the checkout says the products
    are not available there."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coat = cls._product("Omni Scope Coat")
        cls._put(cls.annecy.lot_stock_id, 2, cls.coat)
        cls.secret = cls.env["stock.warehouse"].create({"name": "Omni Scope Lyon",
                                                         "code": "OSL"})
        cls.env["omni.channel"].create({
            "name": "Omni Scope Lyon", "code": "omni-scope-lyon", "channel_type": "store",
            "warehouse_ids": [Command.set(cls.secret.ids)]})
        cls._put(cls.secret.lot_stock_id, 30, cls.coat)

    def test_another_warehouse_as_pickup_location_tells_nothing(self):
        self._as(self.portal)
        self._choose_store(self.coat, self.annecy)
        self._add_to_cart(self.coat)
        page = " ".join(self._page("/shop/checkout").text.split())
        self.assertNotIn("Some of the products are not available at", page, "Annecy has it")
        self.json_route("/shop/set_click_and_collect_location", {
            "pickup_location_data": json.dumps({"id": self.secret.id, "name": "Secret"})})
        page = " ".join(self._page("/shop/checkout").text.split())
        self.assertIn("Some of the products are not available at", page)
        self.assertIn("( Not available for pickup today )", page)
