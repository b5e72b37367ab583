from odoo import Command
from odoo.addons.omni_stock.tests.common import OmniStockCase
from odoo.tests import new_test_user


class ConsignmentCase(OmniStockCase):
    """The test warehouse with a web and a store channel, a vendor (Atelier Nord) whose
    stock only the store sells, and a salesperson of the web channel."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store = cls.env["omni.channel"].create({
            "name": "Test Store", "code": "test-store", "channel_type": "store",
            "warehouse_ids": [Command.set(cls.warehouse.ids)],
        })
        cls.vendor = cls.env["res.partner"].create({"name": "Atelier Nord"})
        cls.other_vendor = cls.env["res.partner"].create({"name": "Maison Sud"})
        cls.agreement = cls.env["omni.stock.consignment.agreement"].create({
            "partner_id": cls.vendor.id,
            "channel_ids": [Command.set(cls.store.ids)],
            "price_mode": "share", "share_percent": 60.0,
            "consume_first": "consigned",
        })
        cls.customer = cls.env["res.partner"].create({"name": "Consign Customer"})
        cls.team = cls.env["crm.team"].create(
            {"name": "Consign Store Team", "omni_channel_id": cls.store.id})
        cls.web_team = cls.env["crm.team"].create(
            {"name": "Consign Web Team", "omni_channel_id": cls.channel.id})
        cls.salesperson = new_test_user(
            cls.env, login="consign_sales", groups="sales_team.group_sale_salesman")
        cls.stock_user = new_test_user(
            cls.env, login="consign_stock", groups="stock.group_stock_user")
        cls.product.lst_price = 50.0

    def _put(self, location, qty, product=None, owner=None):
        self.env["stock.quant"]._update_available_quantity(
            product or self.product, location, qty, owner_id=owner)

    def _owned(self, owner, location=None, product=None):
        """Units of ``owner`` (empty: own stock) in ``location`` (default: the stock)."""
        quants = self.env["stock.quant"].search([
            ("product_id", "=", (product or self.product).id),
            ("location_id", "child_of", (location or self.stock).id),
            ("owner_id", "=", owner.id if owner else False),
        ])
        return sum(quants.mapped("quantity"))

    def _order(self, qty, team=None, price=None, user=None):
        env = self.env(user=user) if user else self.env
        order = env["sale.order"].create({
            "partner_id": self.customer.id,
            "team_id": (team or self.team).id,
            "warehouse_id": self.warehouse.id,
            "order_line": [Command.create({
                "product_id": self.product.id, "product_uom_qty": qty,
                **({"price_unit": price} if price is not None else {}),
            })],
        })
        return order

    def _deliver(self, picking):
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.move_ids.picked = True
        picking.with_context(skip_backorder=True, cancel_backorder=True).button_validate()
        self.assertEqual(picking.state, "done")

    def _bill_lines(self, owner=None):
        return self.env["account.move.line"].search([
            ("omni_consign_move_line_id", "!=", False),
            ("move_id.omni_consign_owner_id", "=", (owner or self.vendor).id),
        ], order="id")
