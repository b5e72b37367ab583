from odoo import Command
from odoo.addons.omni_stock.tests.common import OmniStockCase
from odoo.tests import new_test_user

MANAGER = "omni_stock_return.group_return_manager"


class ReturnCase(OmniStockCase):
    """The omni_stock test warehouse, an order of 3 tees delivered from it, a plain
    Inventory user (the inspector) and a returns manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inspection = cls.warehouse.omni_inspection_location_id
        cls.quarantine = cls.warehouse.omni_quarantine_location_id
        cls.refurbish = cls.warehouse.omni_refurbish_location_id
        cls.customer = cls.env["res.partner"].create({"name": "Return Customer"})
        common = {"company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)]}
        cls.inspector = new_test_user(cls.env, "rma_inspector",
                                      groups="stock.group_stock_user", **common)
        cls.manager = new_test_user(cls.env, "rma_manager", groups=MANAGER, **common)
        cls.reason = cls.env.ref("omni_stock_return.reason_wrong_size")
        cls.grades = {code: cls.env.ref(f"omni_stock_return.grade_{code.lower()}")
                      for code in "ABCD"}
        cls.env["stock.quant"]._update_available_quantity(cls.product, cls.stock, 10)
        cls.order = cls._deliver_order(cls.product, 3)

    @classmethod
    def _deliver_order(cls, product, qty, lot=None):
        order = cls.env["sale.order"].create({
            "partner_id": cls.customer.id, "warehouse_id": cls.warehouse.id,
            "order_line": [Command.create({"product_id": product.id, "product_uom_qty": qty})],
        })
        order.action_confirm()
        picking = order.picking_ids
        picking.action_assign()
        if lot:
            picking.move_ids.move_line_ids.write({"lot_id": lot.id})
        picking.move_ids.quantity = qty
        picking.move_ids.picked = True
        picking._action_done()
        return order

    def _return(self, qty=1, user=None, order=None, **vals):
        order = order or self.order
        env = self.env(user=user or self.inspector)
        return env["omni.stock.return"].create({
            "sale_order_id": order.id, "sale_line_id": order.order_line[:1].id,
            "warehouse_id": self.warehouse.id, "reason_id": self.reason.id, "quantity": qty,
            **vals,
        })

    def _received(self, qty=1, **vals):
        rma = self._return(qty, **vals)
        rma.action_confirm()
        rma.action_receive()
        return rma

    def qty(self, location, product=None):
        return sum(self.env["stock.quant"].search([
            ("product_id", "=", (product or self.product).id),
            ("location_id", "=", location.id)]).mapped("quantity"))
