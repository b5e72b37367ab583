from datetime import timedelta
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import SQL

from .common import OmniStockCase


@tagged("post_install", "-at_install")
class TestAts(OmniStockCase):
    def test_statuses_split_on_hand_and_only_sellable_is_promised(self):
        self._put(self.stock, 10)
        self._put(self.shelf, 2)
        for qty, status in enumerate(("unpickable", "damaged", "quarantine", "inspection"), 3):
            self._put(self.locations[status], qty)
        figures = self._ats(self.channel)
        self.assertEqual(figures["on_hand"], 10 + 2 + 3 + 4 + 5 + 6)
        self.assertEqual(figures["sellable"], 12)
        self.assertEqual(figures["unpickable"], 3)
        self.assertEqual(figures["damaged"], 4)
        self.assertEqual(figures["quarantine"], 5)
        self.assertEqual(figures["inspection"], 6)
        self.assertEqual(figures["ats"], 12)
        self.assertExplained(self.channel)

    def test_status_change_moves_stock_out_of_ats(self):
        self._put(self.shelf, 7)
        self._put(self.stock, 3)
        self.assertEqual(self._ats(self.channel)["ats"], 10)
        for status in ("quarantine", "damaged", "inspection", "unpickable"):
            self.shelf.omni_status = status
            figures = self._ats(self.channel)
            self.assertEqual(figures["ats"], 3, status)
            self.assertEqual(figures[status], 7, status)

    def test_picking_reservation_reduces_ats(self):
        self._put(self.stock, 10)
        move = self._move(self.stock, self.customer_loc, 4)
        move._action_assign()
        self.assertEqual(move.state, "assigned")
        figures = self._ats(self.channel)
        self.assertEqual(figures["reserved"], 4)
        self.assertEqual(figures["ats"], 6)
        explanation = self.assertExplained(self.channel)
        self.assertIn(-4, [line.quantity for line in explanation.lines if line.kind == "reserved"])

    def test_incoming_is_never_sellable_and_respects_horizon(self):
        self._move(self.supplier_loc, self.stock, 8)
        self._move(self.supplier_loc, self.stock, 5,
                   date=fields.Datetime.now() + timedelta(days=30))
        figures = self._ats(self.channel)
        self.assertEqual(figures["incoming"], 8)
        self.assertEqual(figures["ats"], 0)
        self.channel.incoming_horizon_days = 60
        self.assertEqual(self._ats(self.channel)["incoming"], 13)

    def test_transit_stock_counts_as_in_transit(self):
        transit = self.env["stock.location"].create(
            {"name": "Omni transit", "usage": "transit",
             "location_id": self.env.ref("stock.stock_location_locations").id}
        )
        self._put(transit, 6)
        move = self._move(transit, self.stock, 6)
        move._action_assign()
        figures = self._ats(self.channel)
        self.assertEqual(figures["in_transit"], 6)
        self.assertEqual(figures["incoming"], 0)
        self.assertEqual(figures["ats"], 0)
        position = self.env["omni.stock.position"].search(
            [("product_id", "=", self.product.id), ("location_id", "=", transit.id)]
        )
        self.assertEqual(position.status, "in_transit")
        self.assertEqual(position.quantity, 6)

    def test_stock_by_status_keeps_expected_stock_out_of_on_hand(self):
        """The pivot's totals: on hand is what is here; in transit and incoming are
        expected, in their own measure; the columns follow the stock's life."""
        transit = self.env["stock.location"].create(
            {"name": "Omni transit", "usage": "transit",
             "location_id": self.env.ref("stock.stock_location_locations").id})
        self._put(self.stock, 10)
        self._put(self.locations["damaged"], 2)
        self._put(transit, 6)
        self._move(self.supplier_loc, self.stock, 5)
        groups = self.env["omni.stock.position"].read_group(
            [("product_id", "=", self.product.id)],
            ["on_hand_quantity:sum", "expected_quantity:sum"], ["status"], lazy=False)
        self.assertEqual([group["status"] for group in groups],
                         ["sellable", "damaged", "in_transit", "incoming"])
        by_status = {group["status"]: group for group in groups}
        self.assertEqual(sum(group["on_hand_quantity"] for group in groups), 12)
        self.assertEqual(sum(group["expected_quantity"] for group in groups), 11)
        self.assertEqual(by_status["in_transit"]["on_hand_quantity"], 0)
        self.assertEqual(by_status["incoming"]["expected_quantity"], 5)

    def test_fixed_safety_stock_and_rules(self):
        self._put(self.stock, 10)
        self.channel.safety_stock_qty = 2
        self.assertEqual(self._ats(self.channel)["ats"], 8)
        parent = self.env["product.category"].create({"name": "Omni Parent"})
        self.categ.parent_id = parent
        self.env["omni.channel.safety.rule"].create(
            {"channel_id": self.channel.id, "categ_id": parent.id, "safety_qty": 3})
        self.assertEqual(self._ats(self.channel)["ats"], 7)
        self.env["omni.channel.safety.rule"].create(
            {"channel_id": self.channel.id, "categ_id": self.categ.id, "safety_qty": 4})
        self.assertEqual(self._ats(self.channel)["ats"], 6, "the nearest category wins")
        self.env["omni.channel.safety.rule"].create(
            {"channel_id": self.channel.id, "product_id": self.product.id, "safety_qty": 9})
        self.assertEqual(self._ats(self.channel)["ats"], 1, "a product rule beats categories")
        explanation = self.assertExplained(self.channel)
        safety = [line for line in explanation.lines if line.kind == "safety"]
        self.assertEqual(safety[0].quantity, -9)
        self.assertIn(self.product.display_name, safety[0].description)

    def test_days_of_cover_safety_stock(self):
        self._put(self.stock, 100)
        sale = self._move(self.stock, self.customer_loc, 30)
        sale._action_assign()
        sale.picked = True
        sale._action_done()
        self.assertEqual(sale.state, "done")
        self.channel.write({"safety_stock_mode": "cover", "safety_stock_days": 3.5,
                            "velocity_window_days": 30})
        figures = self._ats(self.channel)
        # 30 sold in 30 days: 1 a day, 3.5 days of cover -> 4 units (rounded up)
        self.assertEqual(figures["safety"], 4)
        self.assertEqual(figures["ats"], 70 - 4)
        self.assertExplained(self.channel)

    def test_allocation_cap(self):
        self._put(self.stock, 7)
        self.channel.allocation_percent = 40
        figures = self._ats(self.channel)
        self.assertEqual(figures["ats"], 2, "40% of 7 units, rounded down to whole units")
        explanation = self.assertExplained(self.channel)
        self.assertEqual(
            [line.quantity for line in explanation.lines if line.kind == "allocation"], [-5])

    def test_untrusted_location_is_excluded_and_explained(self):
        self._put(self.stock, 5)
        self._put(self.shelf, 8)
        self.shelf.omni_accuracy = 91.5
        self.channel.min_location_accuracy = 95
        figures = self._ats(self.channel)
        self.assertEqual(figures["sellable"], 13, "still sellable stock, just not promised")
        self.assertEqual(figures["ats"], 5)
        explanation = self.assertExplained(self.channel)
        untrusted = [line for line in explanation.lines if line.kind == "untrusted"]
        self.assertEqual(len(untrusted), 1)
        self.assertEqual(untrusted[0].quantity, 0)
        self.assertEqual(untrusted[0].excluded_quantity, 8)
        self.assertIn("91.5%", untrusted[0].description)
        self.assertIn("95%", untrusted[0].description)
        self.channel.min_location_accuracy = 90
        self.assertEqual(self._ats(self.channel)["ats"], 13)

    def test_ats_never_negative_and_explanation_still_sums(self):
        self._put(self.stock, 2)
        self.channel.safety_stock_qty = 5
        self.assertEqual(self._ats(self.channel)["ats"], 0)
        explanation = self.assertExplained(self.channel)
        self.assertEqual(explanation.lines[-1].kind, "floor")

    def test_channel_only_sees_its_sources(self):
        other = self.env["stock.warehouse"].create({"name": "Omni Other", "code": "OTO"})
        self._put(other.lot_stock_id, 11)
        self._put(self.stock, 1)
        self.assertEqual(self._ats(self.channel)["ats"], 1)
        self.channel.location_ids = other.lot_stock_id
        self.assertEqual(self._ats(self.channel)["ats"], 12)

    def test_product_fields_follow_context(self):
        other = self.env["stock.warehouse"].create({"name": "Omni Other", "code": "OTO"})
        self._put(other.lot_stock_id, 4)
        self._put(self.stock, 6)
        self._put(self.locations["damaged"], 1)
        self.channel.allocation_percent = 50
        product = self.product
        self.assertEqual(product.with_context(warehouse_id=self.warehouse.id).omni_ats, 6)
        self.assertEqual(product.with_context(warehouse_id=self.warehouse.id).omni_on_hand, 7)
        self.assertEqual(product.with_context(location=other.lot_stock_id.id).omni_ats, 4)
        self.assertEqual(product.with_context(omni_channel_id=self.channel.id).omni_ats, 3)
        self.assertEqual(product.omni_damaged, 1)

    def test_channel_availability_list(self):
        self._put(self.stock, 10)
        self.channel.allocation_percent = 30
        action = self.channel.action_view_availability()
        self.assertIn(self.channel.name, action["name"])
        product = self.product.with_context(**action["context"])
        self.assertEqual(product.omni_ats, 3)

    def test_breakdown_and_explanation_wizards(self):
        self._put(self.stock, 9)
        self.channel.safety_stock_qty = 1
        breakdown = self.env["omni.ats.breakdown"].create_for(self.product)
        line = breakdown.line_ids.filtered(lambda r: r.channel_id == self.channel)
        self.assertEqual(line.ats, 8)
        self.assertEqual(line.safety, 1)
        action = line.action_explain()
        explanation = self.env["omni.ats.explanation"].browse(action["res_id"])
        self.assertEqual(explanation.ats, 8)
        self.assertEqual(sum(explanation.line_ids.mapped("quantity")), 8)

    def test_breakdown_of_several_variants_is_grouped_by_channel(self):
        jeans = self._create_product("Omni Jeans", "OMNI-JEANS")
        self._put(self.stock, 4)
        self._put(self.stock, 7, jeans)
        action = self.env["omni.ats.breakdown"].open_for(self.product | jeans)
        self.assertEqual(action["res_model"], "omni.ats.breakdown.line")
        self.assertEqual(action["context"]["group_by"], ["scope"])
        Line = self.env["omni.ats.breakdown.line"]
        groups = Line.read_group(action["domain"], ["ats:sum"], ["scope"])
        by_scope = {group["scope"]: group for group in groups}
        self.assertEqual(by_scope["Test Web"]["ats"], 11)
        self.assertEqual(by_scope["Test Web"]["scope_count"], 2, "one row per variant")
        self.assertIn("All locations (no channel rules)", by_scope,
                      "the row without a channel says what it is, never a blank cell")
        single = self.env["omni.ats.breakdown"].open_for(jeans)
        self.assertIn("Omni Jeans", single["name"])

    def test_availability_list_has_a_channel_selector(self):
        """Searching a channel on Availability shows that channel's ATS; the products
        listed stay the same (a context, not a filter)."""
        self._put(self.stock, 10)
        self.channel.allocation_percent = 30
        user = self.env["res.users"].create({
            "name": "Omni Clerk", "login": "omni_avail_clerk",
            "groups_id": [Command.set([self.env.ref("stock.group_stock_user").id,
                                       self.env.ref("omni_stock.group_omni_user").id])]})
        Product = self.env["product.product"].with_user(user)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "omni_stock.action_omni_product_availability")
        arch = Product.get_views([(action["search_view_id"][0], "search")])[
            "views"]["search"]["arch"]
        self.assertIn('name="omni_channel_scope_id"', arch)
        self.assertIn("omni_channel_id", arch)
        product = Product.browse(self.product.id)
        self.assertEqual(product.omni_ats, 10, "no channel: sellable stock not reserved")
        for chosen in (self.channel.id, [self.channel.id], "test-web", "Test Web"):
            self.assertEqual(product.with_context(omni_channel_id=chosen).omni_ats, 3, chosen)
        self.assertEqual(product.with_context(omni_channel_id="no such channel").omni_ats, 10)

    def test_catalog_in_one_call(self):
        products = self.product | self._create_product("Omni Jeans", "OMNI-JEANS")
        self._put(self.stock, 3, products[0])
        self._put(self.stock, 5, products[1])
        figures = self.channel.get_ats(products)
        self.assertEqual({pid: f["ats"] for pid, f in figures.items()},
                         {products[0].id: 3, products[1].id: 5})

    def test_withheld_and_supply_parts_of_other_addons(self):
        """The engine's hooks: withheld stock leaves the pool (capped at a location's free
        stock, explained per location), probable supply is shown and never sold."""
        self._put(self.stock, 6)
        self._put(self.shelf, 3)
        engine = type(self.env["omni.ats"])

        def withheld(model, scope):
            return [SQL("SELECT %s AS product_id, %s AS location_id, 'test_hold' AS kind,"
                        " 2.0::float8 AS quantity UNION ALL SELECT %s, %s, 'test_more', 50.0",
                        self.product.id, self.stock.id, self.product.id, self.shelf.id)]

        def supply(model, scope):
            return [SQL("SELECT %s AS product_id, 'test_expected' AS kind, 4.0 AS quantity",
                        self.product.id)]

        with patch.object(engine, "_withheld_parts", withheld), \
                patch.object(engine, "_withheld_kinds", lambda m: {"test_hold": "held back"}), \
                patch.object(engine, "_supply_parts", supply), \
                patch.object(engine, "_supply_kinds", lambda m: {"test_expected": "returns"}):
            figures = self._ats(self.channel)
            # 2 withheld in Stock, all 3 of Shelf B (50 capped at its free stock)
            self.assertEqual((figures["withheld"], figures["ats"]), (5, 4))
            self.assertEqual(figures["test_expected"], 4, "shown")
            lean = self.env["omni.ats"].compute(self.product, self.channel, detail=False)
            self.assertEqual(lean[self.product.id]["test_expected"], 4)
            explanation = self.assertExplained(self.channel)
            withheld_lines = [(line.description, line.quantity) for line in explanation.lines
                              if line.kind == "withheld"]
            self.assertIn((f"{self.stock.complete_name}: held back", -2), withheld_lines)
            self.assertIn((f"{self.shelf.complete_name}: test_more", -3), withheld_lines)
            supply_line = [line for line in explanation.lines if line.kind == "supply"]
            self.assertEqual((supply_line[0].quantity, supply_line[0].excluded_quantity), (0, 4))

    def test_supply_figures_of_other_addons(self):
        """Probable supply computed in the figures' pass (no part of its own) reads the
        product and quant parts: shown, lean and detailed alike, explained, never sold;
        next to a kind that has a part of its own."""
        self._put(self.stock, 6)
        engine = type(self.env["omni.ats"])

        def figures(model, scope):
            # a third of the on-hand of the sellable pool, for products of this category
            return {"test_figure": SQL(
                "CASE WHEN p.categ_id = %s THEN quant.pool / 3 END", self.product.categ_id.id)}

        def supply(model, scope):
            return [SQL("SELECT %s AS product_id, 'test_part' AS kind, 4.0 AS quantity",
                        self.product.id)]

        kinds = {"test_figure": "a third", "test_part": "returns"}
        with patch.object(engine, "_supply_figures", figures), \
                patch.object(engine, "_supply_parts", supply), \
                patch.object(engine, "_supply_kinds", lambda m: kinds):
            detail = self._ats(self.channel)
            lean = self.env["omni.ats"].compute(
                self.product, self.channel, detail=False)[self.product.id]
            for result in (detail, lean):
                self.assertEqual((result["test_figure"], result["test_part"], result["ats"]),
                                 (2, 4, 6))
            explanation = self.assertExplained(self.channel)
            supply_lines = sorted(line.excluded_quantity for line in explanation.lines
                                  if line.kind == "supply")
            self.assertEqual(supply_lines, [2, 4])
        with patch.object(engine, "_supply_figures", figures), \
                patch.object(engine, "_supply_kinds", lambda m: {"test_figure": "a third"}):
            self.assertEqual(self._ats(self.channel)["test_figure"], 2, "without any part")

    def test_ats_fields_can_be_searched(self):
        jeans = self._create_product("Omni Jeans", "OMNI-JEANS")
        self._put(self.stock, 3)
        self._put(self.stock, 8, jeans)
        Product = self.env["product.product"].with_context(omni_channel_id=self.channel.id)
        low = Product.search([("omni_ats", "<", 5), ("categ_id", "=", self.categ.id)])
        self.assertEqual(low, self.product)
        self.assertEqual(Product.search([("omni_ats", ">=", 5), ("categ_id", "=", self.categ.id)]),
                         jeans)
        self.assertEqual(Product.search([("omni_sellable", "=", 8),
                                         ("categ_id", "=", self.categ.id)]), jeans)
        with self.assertRaises(UserError):
            Product.search([("omni_ats", "<", "five")])
