import io

import openpyxl

from odoo import fields
from odoo.tests import TransactionCase, new_test_user

REPORT_USER = "omni_stock_report.group_omni_report_user"
FINANCE = "omni_stock_adjustment.group_stock_values"


class ReportCase(TransactionCase):
    """A central warehouse and a store of their own, costed products, a web and a
    store channel, and the people who look at the figures."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        # the demo retailer closed last month; these tests date some stock in the past
        cls.company.write({"omni_adj_threshold_qty": 0, "omni_adj_threshold_value": 0,
                           "omni_stock_lock_date": False})
        Warehouse = cls.env["stock.warehouse"]
        cls.warehouse = Warehouse.create(
            {"name": "Report Central", "code": "RPC", "company_id": cls.company.id})
        cls.store = Warehouse.create(
            {"name": "Report Store", "code": "RPS", "company_id": cls.company.id})
        cls.stock = cls.warehouse.lot_stock_id
        cls.store_stock = cls.store.lot_stock_id
        Location = cls.env["stock.location"]
        cls.damaged = Location.create({
            "name": "Report Damaged", "usage": "internal", "omni_status": "damaged",
            "location_id": cls.warehouse.view_location_id.id,
        })
        cls.transit = Location.create({
            "name": "Report Transit", "usage": "transit", "company_id": cls.company.id,
            "location_id": cls.env.ref("stock.stock_location_locations").id,
        })
        cls.customers = cls.env.ref("stock.stock_location_customers")
        cls.suppliers = cls.env.ref("stock.stock_location_suppliers")
        cls.categ = cls.env["product.category"].create({"name": "Report Apparel"})
        cls.tee = cls._product("Report Tee", "RPT-TEE", 10.0)
        cls.cap = cls._product("Report Cap", "RPT-CAP", 4.0)
        cls.customer = cls.env["res.partner"].create({"name": "Report Customer"})
        cls.web = cls.env["omni.channel"].create({
            "name": "Report Web", "code": "rpt-web", "channel_type": "web",
            "warehouse_ids": [(6, 0, cls.warehouse.ids)], "oversell_policy": "backorder",
        })
        cls.store_channel = cls.env["omni.channel"].create({
            "name": "Report Store Channel", "code": "rpt-store", "channel_type": "store",
            "warehouse_ids": [(6, 0, cls.store.ids)],
        })
        cls.Reason = cls.env["omni.stock.adjustment.reason"]
        cls.reason_count = cls.Reason.create(
            {"name": "Report recount", "code": "RPT-COUNT", "category": "count"})
        cls.reason_damage = cls.Reason.create(
            {"name": "Report damage", "code": "RPT-DMG", "category": "damage"})
        cls.reason_claim = cls.Reason.create(
            {"name": "Report claim", "code": "RPT-CLAIM", "category": "claim"})
        common = {"company_id": cls.company.id, "company_ids": [(6, 0, cls.company.ids)]}
        cls.clerk = new_test_user(cls.env, "rpt_clerk", groups="stock.group_stock_user",
                                  **common)
        cls.ops = new_test_user(cls.env, "rpt_ops", groups=REPORT_USER, **common)
        cls.finance = new_test_user(cls.env, "rpt_finance", groups=FINANCE, **common)
        cls.manager = new_test_user(
            cls.env, "rpt_manager", groups=f"stock.group_stock_manager,{REPORT_USER}", **common)
        cls.approver = new_test_user(
            cls.env, "rpt_approver",
            groups="omni_stock_adjustment.group_adjustment_approver", **common)
        cls.company_b = cls.env["res.company"].create({"name": "Report Company B"})
        cls.user_b = new_test_user(
            cls.env, "rpt_user_b", groups=FINANCE, company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)])

    @classmethod
    def _product(cls, name, code, cost):
        return cls.env["product.product"].create({
            "name": name, "default_code": code, "type": "consu", "is_storable": True,
            "categ_id": cls.categ.id, "standard_price": cost,
        })

    # helpers ------------------------------------------------------------
    def put(self, location, qty, product=None):
        self.env["stock.quant"]._update_available_quantity(product or self.tee, location, qty)

    def move_done(self, source, dest, qty, product=None, **vals):
        move = self.env["stock.move"].create({
            "name": "report move", "product_id": (product or self.tee).id,
            "product_uom_qty": qty, "location_id": source.id, "location_dest_id": dest.id,
            **vals,
        })
        move._action_confirm()
        move._action_assign()
        move.quantity = qty
        move.picked = True
        move._action_done()
        return move

    def count(self, location, counted, reason, product=None, user=None):
        """Count ``product`` in ``location`` as a stock user and apply it."""
        product = product or self.tee
        Quant = self.env["stock.quant"].with_user(user or self.clerk).with_context(
            inventory_mode=True)
        quant = Quant.search([("product_id", "=", product.id),
                              ("location_id", "=", location.id)], limit=1)
        if not quant:
            quant = Quant.create({"product_id": product.id, "location_id": location.id,
                                  "inventory_quantity": counted,
                                  "omni_reason_id": reason.id})
        else:
            quant.write({"inventory_quantity": counted, "omni_reason_id": reason.id})
        quant.action_apply_inventory()
        return quant

    def order(self, lines, channel=None, warehouse=None, **vals):
        """A confirmed order of ``lines`` [(product, qty)]."""
        order = self.env["sale.order"].create({
            "partner_id": self.customer.id,
            "warehouse_id": (warehouse or self.warehouse).id,
            "omni_channel_id": (channel or self.web).id,
            "order_line": [fields.Command.create({"product_id": p.id, "product_uom_qty": q})
                           for p, q in lines],
            **vals,
        })
        order.action_confirm()
        return order

    def deliver(self, order, quantities=None, backorder=True):
        """Deliver the open picking of ``order``: {product: qty} (default: everything)."""
        picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        picking.action_assign()
        for move in picking.move_ids:
            qty = (quantities or {}).get(move.product_id, move.product_uom_qty)
            move.quantity = qty
            move.picked = True
        picking.with_context(cancel_backorder=not backorder)._action_done()
        return picking

    def kpi_value(self, code, domain=None):
        """The board's figure for ``code`` over ``domain`` (Σ numerator / Σ denominator)."""
        kpi = self.env["omni.stock.kpi"].search([("code", "=", code)], limit=1)
        groups = self.env["omni.stock.kpi.value"]._read_group(
            [("kpi_id", "=", kpi.id)] + (domain or []), [], ["value:avg"])
        return groups[0][0]

    def refresh(self):
        today = fields.Date.context_today(self.env["omni.stock.kpi"])
        self.env["omni.stock.kpi"].with_user(self.ops).refresh(today, today)

    @staticmethod
    def read_xlsx(content):
        book = openpyxl.load_workbook(io.BytesIO(content))
        return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
                for sheet in book.worksheets}
