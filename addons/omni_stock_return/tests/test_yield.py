from odoo.tests import tagged

from .common import ReturnCase


@tagged("post_install", "-at_install")
class ReturnHistoryCase(ReturnCase):
    """History of the tee's category: 4 units inspected in the window (3 resold,
    1 scrapped), 1 resold 200 days ago (outside it), and 2 units awaiting inspection."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.big_order = cls._deliver_order(cls.product, 6)
        cls.history = cls.env["omni.stock.return"]
        for disposition in ("resell", "resell", "resell", "scrap", "resell"):
            rma = cls._make_return(cls.big_order)
            rma.write({"grade_id": cls.grades["A" if disposition == "resell" else "D"].id,
                       "disposition": disposition})
            rma.action_inspect_and_dispose()
            cls.history |= rma
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE omni_stock_return SET inspection_date = now() - interval '200 days'"
            " WHERE id = %s", [cls.history[-1].id])
        cls.env.invalidate_all()
        cls._make_return(cls.order, 2)

    @classmethod
    def _make_return(cls, order, qty=1):
        rma = cls.env["omni.stock.return"].create({
            "sale_order_id": order.id, "sale_line_id": order.order_line.id,
            "warehouse_id": cls.warehouse.id, "reason_id": cls.reason.id, "quantity": qty,
        })
        rma.action_confirm()
        rma.action_receive()
        return rma


class TestExpectedYield(ReturnHistoryCase):
    def test_yield_is_probable_supply_never_sold(self):
        self.assertEqual(self.qty(self.inspection), 2)
        figures = self._ats(self.channel)
        self.assertAlmostEqual(figures["returns_expected"], 2 * 3 / 4)
        self.assertEqual(figures["ats"], self.qty(self.stock), "never added to ATS")
        lean = self.env["omni.ats"].compute(self.product, self.channel, detail=False)
        self.assertAlmostEqual(lean[self.product.id]["returns_expected"], 1.5)
        explanation = self.assertExplained(self.channel)
        supply = [line for line in explanation.lines if line.kind == "supply"]
        self.assertEqual(len(supply), 1)
        self.assertIn("expected resale yield", supply[0].description)
        self.assertEqual((supply[0].quantity, supply[0].excluded_quantity), (0, 1.5))
        breakdown = self.env["omni.ats.breakdown"].create_for(self.product)
        line = breakdown.line_ids.filtered(lambda li: li.channel_id == self.channel)
        self.assertAlmostEqual(line.returns_expected, 1.5)

    def test_window_is_a_parameter(self):
        self.env["ir.config_parameter"].set_param(
            "omni_stock_return.yield_window_days", "365")
        self.assertAlmostEqual(self._ats(self.channel)["returns_expected"], 2 * 4 / 5)

    def test_no_history_no_supply(self):
        other = self.env["product.category"].create({"name": "No history"})
        lamp = self._create_product("Omni Lamp", "OMNI-LAMP", categ=other)
        self._put(self.inspection, 2, lamp)
        figures = self._ats(self.channel, lamp)
        self.assertEqual(figures["inspection"], 2)
        self.assertFalse(figures["returns_expected"])
