from odoo import Command
from odoo.tests import Form, new_test_user, tagged

from .common import PosConsignmentCase


@tagged("post_install", "-at_install")
class TestConsignmentLedger(PosConsignmentCase):
    """Every consigned unit that left is on its owner's settlement, unit for unit: sales
    on the web and at the till, a manual delivery, a scrap, a count loss, a customer
    return and a refund at the till, each done by the least-privileged user who would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"point_of_sale_update_stock_quantities": "real",
                           "omni_adj_threshold_qty": 2, "omni_adj_threshold_value": 0,
                           "omni_stock_lock_date": False})
        cls.agreement.channel_ids = [Command.set((cls.store_channel | cls.web).ids)]
        cls.env["stock.quant"]._update_available_quantity(
            cls.product, cls.shelf, 10, owner_id=cls.vendor)
        users = {"company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)]}
        cls.seller = new_test_user(cls.env, login="consign_ledger_seller",
                                   groups="sales_team.group_sale_salesman", **users)
        cls.shipper = new_test_user(cls.env, login="consign_ledger_shipper",
                                    groups="stock.group_stock_user", **users)
        cls.web_team = cls.env["crm.team"].create(
            {"name": "Consign Ledger Web", "omni_channel_id": cls.web.id})
        cls.customers = cls.env.ref("stock.stock_location_customers")
        cls.reason = cls.env["omni.stock.adjustment.reason"].create(
            {"name": "Consigned count", "code": "T-LEDGER", "company_id": cls.company.id})

    def _validate(self, picking):
        picking = picking.with_user(self.shipper)
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.move_ids.picked = True
        picking.with_context(skip_backorder=True, cancel_backorder=True).button_validate()
        self.assertEqual(picking.state, "done")
        return picking

    def _web_sale(self, qty):
        order = self.env["sale.order"].with_user(self.seller).create({
            "partner_id": self.customer.id, "team_id": self.web_team.id,
            "warehouse_id": self.store.id,
            "order_line": [Command.create({"product_id": self.product.id,
                                           "product_uom_qty": qty, "price_unit": 30.0})],
        })
        order.action_confirm()
        return self._validate(order.picking_ids)

    def _manual_delivery(self, qty):
        picking = self.env["stock.picking"].with_user(self.shipper).create({
            "picking_type_id": self.store.out_type_id.id, "partner_id": self.customer.id,
            "location_id": self.store.lot_stock_id.id,
            "location_dest_id": self.customers.id,
            "move_ids": [Command.create({
                "name": "manual", "product_id": self.product.id, "product_uom_qty": qty,
                "location_id": self.store.lot_stock_id.id,
                "location_dest_id": self.customers.id})],
        })
        picking.action_confirm()
        picking.action_assign()
        return self._validate(picking)

    def _scrap(self, qty):
        scrap = self.env["stock.scrap"].with_user(self.shipper).create({
            "product_id": self.product.id, "scrap_qty": qty, "location_id": self.shelf.id,
            "owner_id": self.vendor.id, "omni_reason_id": self.reason.id})
        scrap.action_validate()
        self.assertEqual(scrap.state, "done")

    def _count_loss(self, qty):
        quant = self.env["stock.quant"].search([
            ("product_id", "=", self.product.id), ("location_id", "=", self.shelf.id),
            ("owner_id", "=", self.vendor.id)])
        counted = quant.with_user(self.shipper).with_context(inventory_mode=True)
        counted.write({"inventory_quantity": quant.quantity - qty,
                       "omni_reason_id": self.reason.id})
        counted.action_apply_inventory()

    def _return(self, picking, qty):
        wizard = Form(self.env["stock.return.picking"].with_user(self.shipper).with_context(
            active_id=picking.id, active_model="stock.picking")).save()
        wizard.product_return_moves.quantity = qty
        back = self.env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
        return self._validate(back)

    def _owner_units_moved(self):
        """``{move line: units}`` of the vendor's units that left (+) or came back (-)."""
        lines = self.env["stock.move.line"].search([
            ("owner_id", "=", self.vendor.id), ("state", "=", "done"),
            ("product_id", "=", self.product.id)])
        moved = {}
        for ml in lines:
            source, dest = ml.location_id.usage, ml.location_dest_id.usage
            if source == "internal" and dest in ("customer", "inventory"):
                moved[ml] = ml.quantity_product_uom
            elif source == "customer" and dest == "internal":
                moved[ml] = -ml.quantity_product_uom
        return moved

    def _settled(self):
        settled = {}
        for line in self._bill_lines():
            ml = line.omni_consign_move_line_id
            settled[ml] = settled.get(ml, 0.0) + line.quantity
        return settled

    def test_every_consigned_unit_that_left_is_settled(self):
        self.assertEqual(self._vendor_units(), 13)
        self.open_new_session()
        web = self._web_sale(4)
        till = self._sell_as_cashier(3)
        self._manual_delivery(1)
        self._scrap(1)
        self._count_loss(1)
        self._return(web, 2)
        self._sell_as_cashier(-1, refunded=till.lines)
        moved = self._owner_units_moved()
        # each kind of exit and return is there
        self.assertEqual(sorted(moved.values()), [-2, -1, 1, 1, 1, 3, 4])
        self.assertEqual(self._settled(), moved, "each unit that left or came back, once")
        self.assertEqual(self._vendor_units(), 13 - sum(moved.values()))
        self.assertFalse(self.env["account.move.line"].search([
            ("omni_consign_move_line_id", "!=", False),
            ("omni_consign_move_line_id.owner_id", "!=", self.vendor.id)]),
            "own units are never settled")
