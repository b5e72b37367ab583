from odoo import Command
from odoo.tests import TransactionCase, new_test_user

APPROVER = "omni_stock_adjustment.group_adjustment_approver"


class CycleCountCase(TransactionCase):
    """A warehouse with a barcoded shelf, four barcoded products (cost 10, 20
    units each on the shelf), two plain inventory users who count, an inventory
    manager, an approver, a web channel sourcing the warehouse and a user of
    another company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.write({"omni_adj_threshold_qty": 0, "omni_adj_threshold_value": 0})
        cls.warehouse = cls.env["stock.warehouse"].create(
            {"name": "Count WH", "code": "CWH", "company_id": cls.company.id}
        )
        cls.stock = cls.warehouse.lot_stock_id
        Location = cls.env["stock.location"]
        cls.shelf = Location.create({"name": "Shelf C1", "location_id": cls.stock.id,
                                     "usage": "internal", "barcode": "CC-SHELF-1"})
        cls.shelf2 = Location.create({"name": "Shelf C2", "location_id": cls.stock.id,
                                      "usage": "internal", "barcode": "CC-SHELF-2"})
        cls.other_warehouse = cls.env["stock.warehouse"].create(
            {"name": "Other WH", "code": "OWH", "company_id": cls.company.id}
        )
        cls.other_shelf = Location.create({
            "name": "Other shelf", "location_id": cls.other_warehouse.lot_stock_id.id,
            "usage": "internal", "barcode": "CC-OTHER-1"})
        cls.categ = cls.env["product.category"].create({"name": "Count Apparel"})
        cls.products = cls.env["product.product"].create([
            {"name": f"Count Tee {i}", "barcode": f"CCTEE{i}", "type": "consu",
             "is_storable": True, "standard_price": 10.0, "categ_id": cls.categ.id}
            for i in range(1, 5)
        ])
        cls.product = cls.products[0]
        for product in cls.products:
            cls.env["stock.quant"]._update_available_quantity(product, cls.shelf, 20)
        common = {"company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)]}
        cls.counter = new_test_user(cls.env, "cc_counter", groups="stock.group_stock_user",
                                    **common)
        cls.counter2 = new_test_user(cls.env, "cc_counter2", groups="stock.group_stock_user",
                                     **common)
        cls.manager = new_test_user(
            cls.env, "cc_manager",
            groups="stock.group_stock_manager,omni_stock.group_omni_manager", **common)
        cls.approver = new_test_user(cls.env, "cc_approver", groups=APPROVER, **common)
        cls.company_b = cls.env["res.company"].create({"name": "Count Company B"})
        cls.user_b = new_test_user(
            cls.env, "cc_user_b", groups="stock.group_stock_user",
            company_id=cls.company_b.id, company_ids=[Command.set(cls.company_b.ids)])
        cls.channel = cls.env["omni.channel"].create({
            "name": "Count Web", "code": "count-web", "channel_type": "web",
            "warehouse_ids": [Command.set(cls.warehouse.ids)],
        })
        cls.customer = cls.env.ref("stock.stock_location_customers")
        cls.Task = cls.env["omni.stock.count.task"]

    # helpers ------------------------------------------------------------
    def task(self, products=None, location=None, trigger="manual"):
        """A count task created by the inventory manager."""
        location = location or self.shelf
        task = self.Task.with_user(self.manager).create(
            {"location_id": location.id, "warehouse_id": location.warehouse_id.id,
             "trigger": trigger})
        task.sudo()._omni_add_lines(products if products is not None else self.products)
        return task

    def scan(self, task, user, counts):
        """``user`` scans ``{product: quantity}`` on the task's screen."""
        task = task.with_user(user)
        task.omni_scan_location(task.location_id.barcode)
        for product, quantity in counts.items():
            task.omni_add_count(product.barcode, quantity)

    def count(self, task, user, counts):
        """``user`` counts ``{product: quantity}`` (other lines: 0) and submits."""
        self.scan(task, user, counts)
        task.with_user(user).action_submit()

    def qty(self, product=None, location=None):
        return self.env["stock.quant"]._omni_onhand(product or self.product,
                                                    location or self.shelf)

    def line(self, task, product=None):
        return task.sudo().line_ids.filtered(
            lambda line: line.product_id == (product or self.product))

    def deliver(self, product, qty, location=None):
        """A done delivery of ``qty`` from ``location`` to a customer."""
        location = location or self.shelf
        move = self.env["stock.move"].create({
            "name": "delivery", "product_id": product.id, "product_uom_qty": qty,
            "product_uom": product.uom_id.id, "location_id": location.id,
            "location_dest_id": self.customer.id,
        })
        move._action_confirm()
        move._action_assign()
        move.quantity = qty
        move.picked = True
        move._action_done()
        return move

    def ats(self, product=None):
        product = product or self.product
        return self.env["omni.ats"].compute(product, channel=self.channel)[product.id]["ats"]
