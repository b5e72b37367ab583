from datetime import timedelta

from odoo import fields
from odoo.addons.omni_stock_report.tests.common import FINANCE, ReportCase
from odoo.tests import new_test_user

CLOSE_MANAGER = "omni_stock_report_account.group_omni_report_close"


class FinanceCase(ReportCase):
    """Perpetual (automated) valuation: an AVCO and a FIFO category on a stock account
    of their own, so that the general ledger figures are the test's only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Account = cls.env["account.account"]
        cls.valuation_account = Account.create({
            "name": "Report Stock Valuation", "code": "110190",
            "account_type": "asset_current",
        })
        cls.expense_account = Account.create({
            "name": "Report Stock Variance", "code": "611190", "account_type": "expense",
        })
        common = {
            "property_valuation": "real_time",
            "property_stock_valuation_account_id": cls.valuation_account.id,
        }
        cls.categ.write({**common, "property_cost_method": "average"})
        cls.categ_fifo = cls.env["product.category"].create(
            {"name": "Report Shoes", "property_cost_method": "fifo", **common})
        cls.shoe = cls.env["product.product"].create({
            "name": "Report Shoe", "default_code": "RPT-SHOE", "is_storable": True,
            "categ_id": cls.categ_fifo.id, "standard_price": 3.0,
        })
        common_user = {"company_id": cls.company.id, "company_ids": [(6, 0, cls.company.ids)]}
        cls.closer = new_test_user(
            cls.env, "rpt_closer",
            groups=f"stock.group_stock_manager,{CLOSE_MANAGER}", **common_user)
        cls.stock_manager = new_test_user(
            cls.env, "rpt_stock_manager", groups=f"stock.group_stock_manager,{FINANCE}",
            **common_user)
        cls.today = fields.Date.context_today(cls.env["res.company"])
        cls.now = fields.Datetime.now()

    def receive(self, qty, unit_cost, product=None, location=None, **ctx):
        product = product or self.tee
        move = self.env["stock.move"].with_context(**ctx).create({
            "name": "report receipt", "product_id": product.id, "product_uom_qty": qty,
            "price_unit": unit_cost, "location_id": self.suppliers.id,
            "location_dest_id": (location or self.stock).id,
        })
        move._action_confirm()
        move.quantity = qty
        move.picked = True
        move._action_done()
        return move

    def backdate(self, moves, when):
        """Move ``moves`` (done), their lines and layers to ``when`` (journal entries
        get their date from ``force_period_date`` when received)."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute("UPDATE stock_move SET date = %s WHERE id = ANY(%s)", [when, moves.ids])
        cr.execute("UPDATE stock_move_line SET date = %s WHERE move_id = ANY(%s)",
                   [when, moves.ids])
        cr.execute("UPDATE stock_valuation_layer SET create_date = %s"
                   " WHERE stock_move_id = ANY(%s)", [when, moves.ids])
        self.env.invalidate_all()

    def days_ago(self, days):
        return self.now - timedelta(days=days)
