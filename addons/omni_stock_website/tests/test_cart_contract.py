from odoo.addons.omni_stock.tests.rpc import RpcError, RpcMixin
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestCartContract(RpcMixin, HttpCase):
    """The shop's JSON cart route as a visitor's browser (or a script) calls it: a list
    where an id is expected, NaN, infinity, an object or a bool as a quantity give a
    clear error and add nothing to a cart; a well-formed call still works."""

    def test_bad_ids_and_quantities_refused(self):
        website = self.env["website"].search([], order="sequence, id", limit=1)
        products = self.env["product.product"].search(
            [("is_published", "=", True), ("is_storable", "=", True),
             ("website_id", "in", [False, website.id])])
        figures = website.omni_channel_id.get_ats(products) if website.omni_channel_id \
            else {p.id: {"ats": p.qty_available} for p in products}
        product = products.filtered(lambda p: figures[p.id]["ats"] >= 2)[:1]
        self.assertTrue(product, "the shop sells a storable product in stock")
        carts_before = self.env["sale.order"].search_count([])
        route = "/shop/cart/update_json"
        for params in ({"product_id": [product.id], "add_qty": 1},
                       {"product_id": {"id": product.id}, "add_qty": 1},
                       {"product_id": True, "add_qty": 1},
                       {"product_id": product.id, "add_qty": float("nan")},
                       {"product_id": product.id, "add_qty": float("inf")},
                       {"product_id": product.id, "add_qty": [1]},
                       {"product_id": product.id, "add_qty": True},
                       {"product_id": product.id, "set_qty": -3},
                       {"product_id": product.id, "set_qty": 10**400},
                       {"product_id": product.id, "line_id": [1], "set_qty": 1}):
            with self.subTest(params=params), self.assertRaises(RpcError) as caught:
                self.json_route(route, params)
            self.assertRegex(caught.exception.name, r"\.(UserError|OmniError)$")
        lines = self.env["sale.order.line"].search([("product_id", "=", product.id),
                                                    ("order_id.website_id", "!=", False),
                                                    ("create_date", ">=", self.cr.now())])
        self.assertFalse(lines)
        result = self.json_route(route, {"product_id": product.id, "add_qty": 1})
        self.assertEqual(result["quantity"], 1)
        self.assertGreaterEqual(self.env["sale.order"].search_count([]), carts_before)
