from odoo.addons.omni_stock.tests.rpc import RpcError, RpcMixin
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestReleaseFormScope(RpcMixin, HttpCase):
    """The release form shows the stock on hand where the release would take it from:
    only of a location the user may read. An Inventory User of one company learns
    nothing of another company's stock through it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Release Scope B"})
        cls.wh_b = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company_b.id)], limit=1)
        cls.damaged_b = cls.env["stock.location"].create({
            "name": "Damaged B", "usage": "internal", "omni_status": "damaged",
            "location_id": cls.wh_b.view_location_id.id, "company_id": cls.company_b.id})
        cls.product = cls.env["product.product"].create({
            "name": "Release Scope Tee", "type": "consu", "is_storable": True})
        cls.env["stock.quant"].with_company(cls.company_b)._update_available_quantity(
            cls.product, cls.damaged_b, 37)
        cls.clerk = cls.rpc_user("release_scope_clerk", ["stock.group_stock_user"])

    def test_the_form_shows_no_stock_of_another_company(self):
        own = self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1).lot_stock_id
        vals = {"product_id": self.product.id, "location_id": self.damaged_b.id,
                "location_dest_id": own.id, "quantity": 1}
        for call in (self.rpc, self.xmlrpc):
            with self.subTest(route=call.__name__):
                release_id = call(self.clerk, "omni.stock.release", "create", vals)
                with self.assertRaises(RpcError) as caught:
                    call(self.clerk, "omni.stock.release", "read", [release_id],
                         ["quantity_available"])
                self.assertEqual(caught.exception.name, "odoo.exceptions.AccessError")
        # the form as the web client fills it (onchange) tells nothing either
        with self.assertRaises(RpcError) as caught:
            self.rpc(self.clerk, "omni.stock.release", "onchange", [], vals,
                     ["location_id"],
                     {"product_id": {}, "location_id": {}, "location_dest_id": {},
                      "quantity": {}, "quantity_available": {}})
        self.assertEqual(caught.exception.name, "odoo.exceptions.AccessError")

    def test_the_form_shows_the_stock_of_the_users_own_location(self):
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1)
        damaged = self.env["stock.location"].create({
            "name": "Damaged A", "usage": "internal", "omni_status": "damaged",
            "location_id": warehouse.view_location_id.id})
        self.env["stock.quant"]._update_available_quantity(self.product, damaged, 4)
        result = self.rpc(self.clerk, "omni.stock.release", "onchange", [], {
            "product_id": self.product.id, "location_id": damaged.id,
            "location_dest_id": warehouse.lot_stock_id.id, "quantity": 1}, ["location_id"],
            {"product_id": {}, "location_id": {}, "location_dest_id": {}, "quantity": {},
             "quantity_available": {}})
        self.assertEqual(result["value"]["quantity_available"], 4)
