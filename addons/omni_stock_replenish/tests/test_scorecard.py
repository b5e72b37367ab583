from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..tools import replenish_formula as rf
from .common import ReplenishCase


class TestScorecard(ReplenishCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Scorecard = cls.env["omni.stock.supplier.scorecard"]

    def purchase(self, lines, vendor=None):
        order = self.env["purchase.order"].create({
            "partner_id": (vendor or self.vendor).id,
            "picking_type_id": self.warehouse.in_type_id.id,
            "order_line": [fields.Command.create({
                "product_id": p.id, "product_qty": q, "price_unit": price})
                for p, q, price in lines],
        })
        order.button_confirm()
        return order

    def receive(self, order, quantities):
        """Receive {product: qty} of the open receipt, no backorder."""
        picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        for move in picking.move_ids:
            move.quantity = quantities.get(move.product_id, 0)
            move.picked = True
        picking.with_context(cancel_backorder=True)._action_done()
        return picking

    def scenario(self):
        """Line 1: 10 tees at 5.5 received on time (4 days), 2 returned as defective;
        line 2: 10 caps at 5.5, 6 received 6 days late (lead 10 days)."""
        self.env["product.supplierinfo"].create({
            "partner_id": self.vendor.id, "product_tmpl_id": self.cap.product_tmpl_id.id,
            "price": 5.0})
        order = self.purchase([(self.tee, 10, 5.5), (self.cap, 10, 5.5)])
        picking = self.receive(order, {self.tee: 10, self.cap: 6})
        wizard = self.env["stock.return.picking"].with_context(
            active_id=picking.id, active_model="stock.picking").create({})
        wizard.product_return_moves.filtered(
            lambda r: r.product_id == self.tee).quantity = 2
        wizard.product_return_moves.filtered(
            lambda r: r.product_id == self.cap).quantity = 0
        returned = wizard._create_return()
        returned.move_ids.filtered(lambda m: m.product_id == self.tee).write(
            {"quantity": 2, "picked": True})
        returned._action_done()
        tee_line = order.order_line.filtered(lambda line: line.product_id == self.tee)
        cap_line = order.order_line - tee_line
        # promised 10 days ago, confirmed 15 days ago; tees in 11 days ago, caps 5
        self.set_dates("purchase_order", order.ids, "date_approve", self.days_ago(15))
        self.set_dates("purchase_order_line", order.order_line.ids, "date_planned",
                       self.days_ago(10))
        receipts = picking.move_ids
        self.set_dates("stock_move", receipts.filtered(
            lambda m: m.product_id == self.tee).ids, "date", self.days_ago(11))
        self.set_dates("stock_move", receipts.filtered(
            lambda m: m.product_id == self.cap).ids, "date", self.days_ago(5))
        return order, tee_line, cap_line

    def test_scorecard_by_hand(self):
        self.scenario()
        self.Scorecard._compute_snapshots(self.company)
        card = self.Scorecard.search([("partner_id", "=", self.vendor.id)])
        self.assertEqual(len(card), 1, "one vendor, one category, one warehouse, one month")
        self.assertEqual((card.warehouse_id, card.categ_id), (self.warehouse, self.categ))
        self.assertEqual(card.month, self.days_ago(10).date().replace(day=1))
        # units: (10 + 6) / 20 = 0.8; lines: 1 of 2 in full; OTIF: line 1 only
        self.assertAlmostEqual(card.unit_fill_rate, 0.8)
        self.assertAlmostEqual(card.line_fill_rate, 0.5)
        self.assertAlmostEqual(card.otif_rate, 0.5)
        # lead times 4 and 10 days: mean 7, p90 4 + 0.9 × 6 = 9.4; within 1 day of the
        # promise: line 1 only
        self.assertAlmostEqual(card.lead_time_mean, 7.0, places=3)
        self.assertAlmostEqual(card.lead_time_p90, 9.4, places=3)
        self.assertAlmostEqual(card.lead_time_within_rate, 0.5)
        # 2 returned of 16 received; paid 5.5 for a list price of 5: +10 %
        self.assertAlmostEqual(card.defect_rate, 0.125)
        self.assertAlmostEqual(card.price_variance, 0.1)
        # lead time for the recommendations: pooled (mean 7, sd of {4, 10} = 4.2426)
        stats = self.Scorecard._lead_time_stats([self.vendor.id], self.company)
        mean, sd, n = stats[(self.vendor.id, self.warehouse.id)]
        self.assertEqual(n, 2)
        self.assertAlmostEqual(mean, 7.0, places=3)
        self.assertAlmostEqual(sd, 4.2426, places=3)

    def test_scorecards_recomputed_from_moves_equal_the_snapshots(self):
        order, tee_line, cap_line = self.scenario()
        self.Scorecard._compute_snapshots(self.company)
        card = self.Scorecard.search([("partner_id", "=", self.vendor.id)])
        ordered = received = filled = returned = 0.0
        in_full = otif = 0
        leads = []
        for line in order.order_line:
            moves = line.move_ids.filtered(lambda m: m.state == "done")
            ins = moves.filtered(lambda m: m.location_dest_id.usage == "internal"
                                 and not m.origin_returned_move_id)
            outs = moves.filtered(lambda m: m.location_dest_id.usage == "supplier")
            got = sum(ins.mapped("quantity"))
            ordered += line.product_uom_qty
            received += got
            filled += min(got, line.product_uom_qty)
            returned += sum(outs.mapped("quantity"))
            full = got >= line.product_uom_qty
            in_full += full
            last = max(ins.mapped("date"))
            otif += full and last <= line.date_planned + relativedelta(days=1)
            leads.append((min(ins.mapped("date")) - order.date_approve).total_seconds()
                         / 86400)
        self.assertAlmostEqual(card.unit_fill_rate, rf.rate(filled, ordered))
        self.assertAlmostEqual(card.line_fill_rate, rf.rate(in_full, 2))
        self.assertAlmostEqual(card.otif_rate, rf.rate(otif, 2))
        self.assertAlmostEqual(card.defect_rate, rf.rate(returned, received))
        self.assertAlmostEqual(card.lead_time_mean, sum(leads) / 2, places=4)
        self.assertAlmostEqual(card.lead_time_p90, rf.percentile(leads, 0.9), places=4)
        # every score drills down to its receipts (and the return)
        moves = self.env["stock.move"].search(card.action_view_receipts()["domain"])
        self.assertEqual(moves, (tee_line | cap_line).move_ids.filtered(
            lambda m: m.state == "done"))

    def test_no_data_is_not_zero(self):
        # a line not due yet: no scorecard; a line due with nothing received: fill 0,
        # lead time and defect rate empty (no data)
        order = self.purchase([(self.tee, 5, 5.0)])
        self.set_dates("purchase_order_line", order.order_line.ids, "date_planned",
                       self.days_ago(-3))
        self.Scorecard._compute_snapshots(self.company)
        self.assertFalse(self.Scorecard.search([("partner_id", "=", self.vendor.id)]))
        self.set_dates("purchase_order_line", order.order_line.ids, "date_planned",
                       self.days_ago(3))
        self.Scorecard._compute_snapshots(self.company)
        card = self.Scorecard.search([("partner_id", "=", self.vendor.id)])
        self.env.cr.execute(SQL(
            "SELECT unit_fill_rate, lead_time_mean, defect_rate, price_variance"
            " FROM omni_stock_supplier_scorecard WHERE id = %s", card.id))
        self.assertEqual(self.env.cr.fetchone(), (0.0, None, None, 0.0))

    def test_measured_lead_time_feeds_the_recommendation(self):
        self.scenario()
        self.Scorecard._compute_snapshots(self.company)
        self.forecast(self.tee, self.warehouse, [7, 7, 7])
        rec = self.compute((self.tee, self.warehouse))
        self.assertEqual(rec.lead_time_source, "scorecard")
        self.assertAlmostEqual(rec.lead_time_mean, 7.0, places=3)
        # sd of {4, 10} = 4.2426 on 2 lines: the next receipt's 4.2426 × √(1 + 1/2)
        self.assertAlmostEqual(rec.lead_time_sd, 5.1962, places=3)
        self.assertIn("σ of the next receipt = σ √(1 + 1/n) = 5.20", rec.explanation)

    def test_a_warehouse_s_few_receipts_read_over_every_warehouse(self):
        stats = {(self.vendor.id, self.store.id): (9.0, 0.0, 2),
                 (self.vendor.id, self.warehouse.id): (5.5, 1.0, 12),
                 (self.vendor.id, None): (6.0, 1.5, 40)}
        Rec = self.Recommendation
        # 2 receipts into the store: the vendor's 40 over every warehouse
        self.assertEqual(Rec._measured_lead_time(stats, self.vendor.id, self.store.id),
                         (6.0, 1.5, 40))
        # 12 into the central warehouse: its own
        self.assertEqual(Rec._measured_lead_time(stats, self.vendor.id, self.warehouse.id),
                         (5.5, 1.0, 12))
        self.assertIsNone(Rec._measured_lead_time(stats, self.cap.id, self.store.id))

    def test_only_managers_recompute(self):
        with self.assertRaises(AccessError):
            self.Scorecard.with_user(self.clerk).action_compute()
        self.Scorecard.with_user(self.manager).action_compute()

    def test_supplier_kpis_use_the_same_definition(self):
        self.scenario()
        self.env["omni.stock.kpi"].with_user(self.ops).refresh(
            self.days_ago(10).date(), fields.Date.today())
        # one line of two on time in full; 16 of 20 units
        self.assertAlmostEqual(self.kpi_value("supplier_otif"), 50.0)
        self.assertAlmostEqual(self.kpi_value("supplier_fill_rate"), 80.0)
