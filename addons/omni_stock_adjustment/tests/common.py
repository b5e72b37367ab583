from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user

APPROVER = "omni_stock_adjustment.group_adjustment_approver"


class AdjustmentCase(TransactionCase):
    """Main company with a 10-unit approval threshold, 20 units on hand,
    a plain stock user, two approvers and a user of another company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        # the demo retailer closed last month: these tests set their own lock date
        cls.company.write({"omni_adj_threshold_qty": 10, "omni_adj_threshold_value": 0,
                           "omni_stock_lock_date": False})
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.stock = cls.warehouse.lot_stock_id
        cls.product = cls.env["product.product"].create(
            {
                "name": "Adj Tee",
                "type": "consu",
                "is_storable": True,
                "standard_price": 10.0,
            }
        )
        cls.loss = cls.product.with_company(cls.company).property_stock_inventory
        cls.production = cls.product.with_company(cls.company).property_stock_production
        cls.supplier = cls.env.ref("stock.stock_location_suppliers")
        cls.customer = cls.env.ref("stock.stock_location_customers")
        cls.Reason = cls.env["omni.stock.adjustment.reason"]
        cls.reason = cls.Reason.create({"name": "Recount", "code": "T-RECOUNT"})
        cls.reason_note = cls.Reason.create(
            {
                "name": "Theft",
                "code": "T-THEFT",
                "category": "shrink",
                "note_required": True,
            }
        )
        cls.company_b = cls.env["res.company"].create({"name": "Adj Company B"})
        common = {"company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)]}
        cls.user = new_test_user(cls.env, "adj_user", groups="stock.group_stock_user", **common)
        cls.approver = new_test_user(cls.env, "adj_approver", groups=APPROVER, **common)
        cls.approver2 = new_test_user(cls.env, "adj_approver2", groups=APPROVER, **common)
        cls.manager = new_test_user(
            cls.env,
            "adj_manager",
            groups="stock.group_stock_manager,base.group_allow_export",
            **common,
        )
        cls.user_b = new_test_user(
            cls.env,
            "adj_user_b",
            groups=APPROVER,
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        cls.env["stock.quant"]._update_available_quantity(cls.product, cls.stock, 20)
        cls.Log = cls.env["omni.stock.adjustment.log"]
        cls.Request = cls.env["omni.stock.adjustment.request"]

    # helpers ------------------------------------------------------------
    def qty(self, location=None, product=None):
        """On hand in exactly that location (whatever the lot, package or owner)."""
        quants = self.env["stock.quant"].search(
            [
                ("product_id", "=", (product or self.product).id),
                ("location_id", "=", (location or self.stock).id),
            ]
        )
        return sum(quants.mapped("quantity"))

    def quant(self):
        return self.env["stock.quant"]._gather(self.product, self.stock, strict=True)

    def logs(self, event=None):
        domain = [("product_id", "=", self.product.id)]
        if event:
            domain.append(("event", "=", event))
        return self.Log.search(domain)

    def requests(self):
        return self.Request.search([("product_id", "=", self.product.id)])

    def count(self, counted, reason=None, note=None, user=None, accounting_date=None, **ctx):
        """Count as a stock user in the Physical Inventory list and apply."""
        quant = self.quant().with_user(user or self.user).with_context(inventory_mode=True, **ctx)
        vals = {"inventory_quantity": counted}
        if reason is not None:
            vals["omni_reason_id"] = reason.id
        if note:
            vals["omni_reason_note"] = note
        if accounting_date:
            vals["accounting_date"] = accounting_date
        quant.write(vals)
        return quant.action_apply_inventory()

    def scrap(self, qty, reason=None, note=None, user=None):
        """A draft scrap of ``qty`` units from stock, created by a stock user."""
        return (
            self.env["stock.scrap"]
            .with_user(user or self.user)
            .create(
                {
                    "product_id": self.product.id,
                    "scrap_qty": qty,
                    "location_id": self.stock.id,
                    "omni_reason_id": reason and reason.id,
                    "omni_reason_note": note,
                }
            )
        )

    def picking(self, picking_type, source, dest, qty, product=None, user=None):
        """A confirmed (and, where stock allows, reserved) transfer made by a stock user."""
        product = product or self.product
        picking = (
            self.env["stock.picking"]
            .with_user(user or self.user)
            .create(
                {
                    "picking_type_id": picking_type.id,
                    "location_id": source.id,
                    "location_dest_id": dest.id,
                    "move_ids": [
                        Command.create(
                            {
                                "name": product.name,
                                "product_id": product.id,
                                "product_uom_qty": qty,
                                "product_uom": product.uom_id.id,
                                "location_id": source.id,
                                "location_dest_id": dest.id,
                            }
                        )
                    ],
                }
            )
        )
        picking.action_confirm()
        picking.action_assign()
        return picking

    def validate(self, picking):
        """Set every move's quantity as picked and validate, like the Validate button."""
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.move_ids.picked = True
        return picking.button_validate()

    def assertRefused(self, pattern, call, *args, **kwargs):
        """``call`` is refused with an error matching ``pattern`` and writes nothing."""
        with self.assertRaisesRegex(UserError, pattern):
            call(*args, **kwargs)
        self.assertNothingWritten()

    def assertNothingWritten(self, qty=20):
        self.assertEqual(self.qty(), qty)
        self.assertFalse(self.logs())
        self.assertFalse(self.requests())
