from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import FinanceCase


@tagged("post_install", "-at_install")
class TestValuation(FinanceCase):
    """Value by status equals the valuation layers, at any past date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Report = cls.env["omni.stock.valuation.report"]
        cls.Layer = cls.env["stock.valuation.layer"]

    def _history(self):
        """20 days ago: 10 tees at 5, 4 shoes at 3 and 4 at 5 (FIFO).
        10 days ago: 3 tees to the damaged location, 10 tees at 8 (AVCO: 6.5).
        Now: 2 tees into transit, 5 delivered."""
        first = self.receive(10, 5.0) | self.receive(4, 3.0, self.shoe) \
            | self.receive(4, 5.0, self.shoe)
        self.backdate(first, self.days_ago(20))
        second = self.move_done(self.stock, self.damaged, 3) | self.receive(10, 8.0)
        self.backdate(second, self.days_ago(10))
        self.move_done(self.stock, self.transit, 2)
        self.move_done(self.stock, self.customers, 5)

    def rows(self, at=None, product=None):
        Report = self.Report.with_context(
            omni_valuation_at=fields.Datetime.to_string(at)) if at else self.Report
        return Report.search([("product_id", "=", (product or self.tee).id)])

    def by_status(self, rows):
        """{status: (quantity, value)} of the statuses holding stock."""
        result = {}
        for row in rows:
            quantity, value = result.get(row.status, (0.0, 0.0))
            result[row.status] = (quantity + row.quantity, round(value + row.value, 6))
        return {status: figures for status, figures in result.items() if figures[0]}

    def layers_value(self, at, product=None):
        domain = [("product_id", "=", (product or self.tee).id)]
        if at:
            domain.append(("create_date", "<=", at))
        return sum(self.Layer.search(domain).mapped("value"))

    def test_equals_the_layers_at_past_dates(self):
        self._history()
        for at in (self.days_ago(15), self.days_ago(5), None):
            for product in (self.tee, self.shoe):
                rows = self.rows(at, product)
                self.assertAlmostEqual(sum(rows.mapped("value")), self.layers_value(at, product),
                                       msg=f"{product.name} at {at}")
        # 15 days ago: everything sellable, at the first receipts' cost
        self.assertEqual(self.by_status(self.rows(self.days_ago(15))),
                         {"sellable": (10.0, 50.0)})
        self.assertEqual(self.by_status(self.rows(self.days_ago(15), self.shoe)),
                         {"sellable": (8.0, 32.0)})
        # 5 days ago: 20 units worth 130 (AVCO 6.5), 3 of them damaged
        self.assertEqual(self.by_status(self.rows(self.days_ago(5))),
                         {"sellable": (17.0, 110.5), "damaged": (3.0, 19.5)})
        # now: 15 units worth 97.5, 2 of them in transit
        now = self.by_status(self.rows())
        self.assertEqual(now, {"sellable": (10.0, 65.0), "damaged": (3.0, 19.5),
                               "in_transit": (2.0, 13.0)})
        self.assertAlmostEqual(sum(v for _q, v in now.values()),
                               self.tee.with_company(self.company).value_svl)

    def test_equals_odoo_quant_value_when_quants_and_layers_agree(self):
        self._history()
        quants = self.env["stock.quant"].search([
            ("product_id", "=", self.tee.id), ("quantity", "!=", 0),
            ("location_id.usage", "in", ("internal", "transit"))])
        by_status = {row.status: row.value for row in self.rows()}
        for quant in quants:  # one location per status here
            status = "in_transit" if quant.location_id.usage == "transit" else \
                quant.location_id.omni_status
            self.assertAlmostEqual(by_status[status], quant.value)

    def test_grouped_by_warehouse_status_category(self):
        self._history()
        groups = self.Report._read_group(
            [("warehouse_id", "=", self.warehouse.id)], ["status", "categ_id"], ["value:sum"])
        figures = {(status, categ): value for status, categ, value in groups}
        self.assertAlmostEqual(figures["sellable", self.categ], 65.0)
        self.assertAlmostEqual(figures["damaged", self.categ], 19.5)
        self.assertAlmostEqual(figures["sellable", self.categ_fifo], 32.0)
        # transit locations belong to no warehouse
        transit = self.Report._read_group(
            [("status", "=", "in_transit"), ("product_id", "=", self.tee.id)], [],
            ["value:sum", "quantity:sum"])
        self.assertEqual(transit, [(13.0, 2.0)])

    def test_value_without_stock_and_stock_of_others(self):
        self.receive(2, 5.0)
        self.move_done(self.stock, self.customers, 2)
        self.Layer.create({"product_id": self.tee.id, "company_id": self.company.id,
                           "quantity": 0, "value": 7.0, "description": "revaluation"})
        rows = self.rows()
        self.assertEqual(rows.status, "unallocated")
        self.assertAlmostEqual(rows.value, 7.0)
        # consigned stock (another owner) is not valued, as in Odoo
        owner = self.env["res.partner"].create({"name": "Consignor"})
        self.env["stock.quant"]._update_available_quantity(self.shoe, self.stock, 5,
                                                           owner_id=owner)
        self.assertFalse(self.rows(product=self.shoe))

    def test_drill_down_to_layers(self):
        self._history()
        row = self.rows(self.days_ago(15))[0]
        action = row.with_context(
            omni_valuation_at=fields.Datetime.to_string(self.days_ago(15))).action_open_layers()
        layers = self.Layer.search(action["domain"])
        self.assertEqual(sum(layers.mapped("value")), 50.0)

    def test_values_are_for_finance_and_own_company(self):
        self._history()
        with self.assertRaises(AccessError):
            self.Report.with_user(self.ops).search([])
        self.assertTrue(self.Report.with_user(self.finance).search(
            [("product_id", "=", self.tee.id)]))
        self.assertFalse(self.Report.with_user(self.user_b).search([]))

    def test_export_with_filters(self):
        self._history()
        self.put(self.store_stock, 1, self.shoe)  # filtered out: another warehouse
        at = self.days_ago(5)
        wizard = self.env["omni.stock.valuation.wizard"].with_user(self.finance).create({
            "at_date": at, "warehouse_ids": [(6, 0, self.warehouse.ids)],
            "categ_ids": [(6, 0, self.categ.ids)]})
        content, fmt = self.env["ir.actions.report"].with_user(self.finance)._render(
            "omni_stock_report_account.action_report_valuation_xlsx", wizard.ids)
        self.assertEqual(fmt, "xlsx")
        sheets = self.read_xlsx(content)
        summary = sheets["Summary"]
        self.assertEqual(summary[0][:2], ["At", fields.Datetime.to_string(at)])
        data = [r for r in summary if r and r[0] == "Report Central"]
        self.assertEqual(sorted((r[1], r[4]) for r in data),
                         [("Damaged", 19.5), ("Sellable", 110.5)])
        detail = next(rows for name, rows in sheets.items() if name.startswith("Valuation at"))
        self.assertFalse([r for r in detail if r and "Report Store" in r])
        self.assertFalse([r for r in detail if r and "Report Shoe" in r])
        action = wizard.action_show()
        self.assertEqual(action["context"]["omni_valuation_at"], fields.Datetime.to_string(at))

    def test_dates_read_in_the_readers_time_zone(self):
        """A date chosen as 11/15 in Paris is 2026-11-14 23:00 UTC in the database: the
        title, the filters and the export say 2026-11-15 00:00:00, as the screen did."""
        self.finance.tz = "Europe/Paris"
        wizard = self.env["omni.stock.valuation.wizard"].with_user(self.finance).create(
            {"at_date": "2026-11-14 23:00:00"})
        self.assertEqual(wizard._omni_title(), "Valuation at 2026-11-15 00:00:00")
        self.assertEqual(wizard.action_show()["display_name"],
                         "Valuation at 2026-11-15 00:00:00")
        content, _fmt = self.env["ir.actions.report"].with_user(self.finance)._render(
            "omni_stock_report_account.action_report_valuation_xlsx", wizard.ids)
        summary = self.read_xlsx(content)["Summary"]
        self.assertEqual(summary[0][:2], ["At", "2026-11-15 00:00:00"])
