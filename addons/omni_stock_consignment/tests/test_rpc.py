from odoo.addons.omni_stock.tests.rpc import RpcError, RpcMixin
from odoo.tests import HttpCase, tagged

from .common import ConsignmentCase


@tagged("post_install", "-at_install")
class TestConsignmentOverRpc(RpcMixin, HttpCase, ConsignmentCase):
    """Over JSON-RPC, as real users: agreements are the managers' to change, and a
    salesperson's order of consigned goods settles them without any right on bills."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.omni_user = cls.rpc_user("consign_rpc_user", ["omni_stock.group_omni_user"])
        cls.seller = cls.rpc_user("consign_rpc_seller", ["sales_team.group_sale_salesman"])
        cls.shipper = cls.rpc_user("consign_rpc_shipper", ["stock.group_stock_user"])

    def test_inventory_user_cannot_change_an_agreement(self):
        rows = self.rpc(self.omni_user, "omni.stock.consignment.agreement", "read",
                        self.agreement.ids, ["share_percent"])
        self.assertEqual(rows[0]["share_percent"], 60.0)
        with self.assertRaises(RpcError) as error:
            self.rpc(self.omni_user, "omni.stock.consignment.agreement", "write",
                     self.agreement.ids, {"channel_ids": [(6, 0, self.channel.ids)]})
        self.assertIn("AccessError", error.exception.name)
        self.assertEqual(self.agreement.channel_ids, self.store)

    def test_salesperson_order_settles_the_consigned_units(self):
        self._put(self.stock, 2, owner=self.vendor)
        order_id = self.rpc(self.seller, "sale.order", "create", {
            "partner_id": self.customer.id, "team_id": self.team.id,
            "warehouse_id": self.warehouse.id,
            "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 2,
                                   "price_unit": 25.0})],
        })
        self.rpc(self.seller, "sale.order", "action_confirm", [order_id])
        with self.assertRaises(RpcError):
            self.rpc(self.seller, "account.move", "create", {"move_type": "in_invoice"})
        picking = self.env["sale.order"].browse(order_id).picking_ids
        self.assertEqual(picking.move_line_ids.owner_id, self.vendor)
        self.rpc(self.shipper, "stock.picking", "button_validate", picking.ids)
        self.assertEqual(picking.state, "done")
        lines = self._bill_lines()
        # 2 units at 60 % of 25.00
        self.assertEqual((lines.quantity, lines.price_unit, lines.price_subtotal),
                         (2, 15.0, 30.0))
