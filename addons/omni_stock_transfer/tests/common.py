from odoo import Command
from odoo.tests import TransactionCase, new_test_user

APPROVER = "omni_stock_adjustment.group_adjustment_approver"


class TransferCase(TransactionCase):
    """Two stores of the main company (Store A with 10 units of a 5.00 tee, Store B
    with none), a clerk, two approvers, a buyer, finance, and a clerk of another
    company. No approval rule unless a test adds one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.omni_stock_lock_date = False
        cls.env["omni.stock.transfer.rule"].search([]).active = False
        Warehouse = cls.env["stock.warehouse"]
        cls.store_a = Warehouse.create({"name": "Transfer Store A", "code": "TSA"})
        cls.store_b = Warehouse.create({"name": "Transfer Store B", "code": "TSB"})
        cls.transit = cls.company.internal_transit_location_id
        cls.product = cls.env["product.product"].create({
            "name": "Transfer Tee", "type": "consu", "is_storable": True,
            "standard_price": 5.0})
        cls.product2 = cls.env["product.product"].create({
            "name": "Transfer Scarf", "type": "consu", "is_storable": True,
            "standard_price": 20.0})
        Quant = cls.env["stock.quant"]
        Quant._update_available_quantity(cls.product, cls.store_a.lot_stock_id, 10)
        Quant._update_available_quantity(cls.product2, cls.store_a.lot_stock_id, 3)
        common = {"company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)]}
        cls.clerk = new_test_user(cls.env, "tr_clerk", groups="stock.group_stock_user",
                                  **common)
        cls.approver = new_test_user(cls.env, "tr_approver", groups=APPROVER, **common)
        cls.approver2 = new_test_user(cls.env, "tr_approver2", groups=APPROVER, **common)
        cls.manager = new_test_user(cls.env, "tr_manager", groups="stock.group_stock_manager",
                                    **common)
        cls.buyer = new_test_user(cls.env, "tr_buyer", groups="purchase.group_purchase_user",
                                  **common)
        cls.finance = new_test_user(cls.env, "tr_finance",
                                    groups="omni_stock_adjustment.group_stock_values", **common)
        cls.company_b = cls.env["res.company"].create({"name": "Transfer Company B"})
        cls.clerk_b = new_test_user(
            cls.env, "tr_clerk_b", groups=f"stock.group_stock_user,{APPROVER}",
            company_id=cls.company_b.id, company_ids=[Command.set(cls.company_b.ids)])

    def request(self, lines=None, user=None, reason="replenish", **vals):
        """A draft request of ``user`` (the clerk) from Store A to Store B."""
        lines = lines or [(self.product, 4)]
        return self.env["omni.stock.transfer.request"].with_user(user or self.clerk).create({
            "warehouse_id": self.store_a.id, "warehouse_dest_id": self.store_b.id,
            "reason": reason,
            "line_ids": [Command.create({"product_id": p.id, "quantity": q})
                         for p, q in lines],
            **vals,
        })

    def rule(self, kind, **vals):
        return self.env["omni.stock.transfer.rule"].with_user(self.manager).create(
            {"name": f"Rule {kind}", "kind": kind, **vals})

    def ats(self, warehouse, product=None):
        product = product or self.product
        return self.env["omni.ats"].compute(
            product, locations=warehouse.view_location_id, detail=False)[product.id]

    def ship(self, request, quantity=None):
        """The sending store validates the shipping (``quantity`` of the first line)."""
        picking = request.picking_out_id.with_user(self.clerk)
        if quantity is not None:
            picking.move_ids[:1].quantity = quantity
        picking.move_ids.picked = True
        picking.with_context(skip_backorder=True, picking_ids_not_to_backorder=picking.ids
                             ).button_validate()

    def receive(self, request, quantity=None):
        picking = request.picking_in_id.with_user(self.clerk)
        if quantity is not None:
            picking.move_ids[:1].quantity = quantity
        picking.move_ids.picked = True
        picking.with_context(skip_backorder=True, picking_ids_not_to_backorder=picking.ids
                             ).button_validate()
