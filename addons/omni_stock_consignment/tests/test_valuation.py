from odoo import Command
from odoo.tests import new_test_user

from .common import ConsignmentCase


class TestConsignmentValuation(ConsignmentCase):
    """Consigned stock is never valued as the retailer's own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.categ.write({"property_cost_method": "standard",
                         "property_valuation": "manual_periodic"})
        cls.product.standard_price = 12.34
        cls.buyer = new_test_user(cls.env, login="consign_buyer",
                                  groups="purchase.group_purchase_user,stock.group_stock_user")

    def _layers(self):
        return self.env["stock.valuation.layer"].search([("product_id", "=", self.product.id)])

    def _purchase(self, vendor, qty):
        order = self.env["purchase.order"].with_user(self.buyer).create({
            "partner_id": vendor.id,
            "picking_type_id": self.warehouse.in_type_id.id,
            "order_line": [Command.create({
                "product_id": self.product.id, "product_qty": qty, "price_unit": 20.0})],
        })
        order.button_confirm()
        picking = order.picking_ids
        picking.move_ids.quantity = qty
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        return order

    def test_consigned_receipt_is_owned_and_not_valued(self):
        order = self._purchase(self.vendor, 2)
        self.assertTrue(order.omni_consignment)
        self.assertEqual(order.picking_ids.owner_id, self.vendor)
        self.assertEqual(self._owned(self.vendor), 2)
        self.assertFalse(self._layers(), "no value for the vendor's units")
        self.assertEqual(self.product.value_svl, 0)
        self.assertEqual(order.order_line.qty_received, 2)
        self.assertEqual(order.order_line.qty_to_invoice, 0, "paid when sold, not received")
        # a vendor without agreement sells outright: owned by the retailer and valued
        own = self._purchase(self.other_vendor, 3)
        self.assertFalse(own.omni_consignment)
        self.assertEqual(self._owned(None), 3)
        self.assertAlmostEqual(self.product.value_svl, 37.02, places=2)
        self.assertEqual(own.order_line.qty_to_invoice, 3)

    def test_a_delivery_mixing_owners_is_valued_to_the_cent(self):
        self._purchase(self.other_vendor, 3)  # own units: 3 x 12.34 = 37.02
        self._purchase(self.vendor, 2)  # consigned: no value
        self.assertAlmostEqual(self.product.value_svl, 37.02, places=2)
        order = self._order(5, price=80.0)
        order.action_confirm()
        owners = order.picking_ids.move_line_ids.mapped(lambda ml: (ml.owner_id, ml.quantity))
        self.assertEqual(sorted((o.id, q) for o, q in owners),
                         sorted([(False, 3.0), (self.vendor.id, 2.0)]))
        self._deliver(order.picking_ids)
        out = self._layers().filtered(lambda svl: svl.quantity < 0)
        self.assertEqual(out.quantity, -3, "only the retailer's own units leave its books")
        self.assertEqual(out.value, -37.02)
        self.assertEqual(self.product.value_svl, 0)
        self.assertEqual(self._bill_lines().price_subtotal, 96.0)  # 2 x 60 % x 80.00
