"""The demo retailer's demand history (110 weeks of a few products in two stores, a
summer sale, a sold-out spell), two forecast runs (six weeks ago and this week, so
that the accuracy KPIs have weeks to measure), and one anomaly of each kind."""

import datetime
import math
import random

from odoo import api, fields, models
from odoo.tools import SQL

WEEKS = 110
# (SKU, store, weekly base, seasonal amplitude, peak week of the year)
SERIES = [
    ("TEE-WHT-M", "par", 6.0, 4.0, 28),
    ("TEE-WHT-M", "mrs", 4.0, 3.0, 28),
    ("HOOD-GRY-M", "par", 3.0, 2.5, 2),
    ("JEAN-IND-30", "par", 0.6, 0.0, 0),  # intermittent, and sold out for a while
]


class OmniStockDemoForecast(models.AbstractModel):
    _name = "omni.stock.demo.forecast"
    _inherit = "omni.stock.demo.loader"
    _description = "Omnichannel Demo: Forecasts and Anomalies"

    @api.model
    def _load_forecast(self):
        if self.env.ref("omni_stock_demo.promotion_summer_sale", raise_if_not_found=False):
            return
        self = self.with_context(tracking_disable=True, mail_create_nolog=True)
        today = fields.Date.context_today(self)
        this_week = today - datetime.timedelta(days=today.weekday())
        promo_weeks = self._load_promotion(this_week)
        rng = random.Random(26)
        for sku, store, base, amplitude, peak in SERIES:
            self._load_history(this_week, sku, store, base, amplitude, peak, promo_weeks, rng)
        Run = self.env["omni.stock.forecast.run"]
        # queue_job's own switch: the demo's runs are done during the install
        for origin in (this_week - datetime.timedelta(weeks=6), this_week):
            Run.create({"origin": origin, "history_weeks": 104}).with_context(
                queue_job__no_delay=True).action_start()
        self.env["omni.stock.kpi"].refresh(this_week - datetime.timedelta(weeks=8), today)
        self._load_anomalies()
        self.env["omni.stock.alert"].scan(kinds=[
            "shrink_anomaly", "suspicious_adjustment", "return_anomaly", "transfer_anomaly"])

    def _sku(self, code):
        return self.env.ref(f"omni_stock_demo.product_{code.lower().replace('-', '_')}")

    def _load_promotion(self, this_week):
        """Last summer's two-week sale on tops: those weeks sold more."""
        start = this_week - datetime.timedelta(weeks=WEEKS - 30)
        self._xmlid("promotion_summer_sale", self.env["omni.stock.promotion"].create({
            "name": "Summer sale (tops)", "date_from": start,
            "date_to": start + datetime.timedelta(days=13),
            "categ_ids": [fields.Command.set(self.env.ref("omni_stock_demo.categ_tops").ids)],
        }))
        self._xmlid("promotion_next_sale", self.env["omni.stock.promotion"].create({
            "name": "Mid-season sale (tops)",
            "date_from": this_week + datetime.timedelta(weeks=3),
            "date_to": this_week + datetime.timedelta(weeks=3, days=6),
            "categ_ids": [fields.Command.set(self.env.ref("omni_stock_demo.categ_tops").ids)],
        }))
        return {WEEKS - 30, WEEKS - 31}

    def _load_history(self, this_week, sku, store, base, amplitude, peak, promo_weeks, rng):
        """Weekly sales from the store (one delivery a week), received every four
        weeks; the store's stock before the history is left as it is."""
        product = self._sku(sku)
        stock = self.env.ref(f"omni_stock_demo.wh_{store}").lot_stock_id
        customers = self.env.ref("stock.stock_location_customers")
        suppliers = self.env.ref("stock.stock_location_suppliers")
        sold = []
        for ago in range(WEEKS, 0, -1):
            week = this_week - datetime.timedelta(weeks=ago)
            season = amplitude * math.cos(2 * math.pi * (week.isocalendar()[1] - peak) / 52)
            mean = max(0.0, base + season) * (1.8 if ago in promo_weeks and sku[:3] in (
                "TEE", "HOO") else 1.0)
            qty = sum(1 for _i in range(int(mean * 3) + 1) if rng.random() < mean / (
                int(mean * 3) + 1))
            # the jeans sold out for three weeks: nothing received, nothing sold
            if sku == "JEAN-IND-30" and 9 <= ago <= 11:
                qty = 0
            sold.append((ago, qty))
        receipts = []
        for index in range(0, len(sold), 4):
            block = sold[index:index + 4]
            received = sum(qty for _ago, qty in block)
            if received:
                receipts.append((block[0][0], received))
        if sku == "JEAN-IND-30":
            # the receipt due 12 weeks ago came 3 weeks late: the week it was due ran out
            receipts = [(ago if ago != 12 else 8, qty) for ago, qty in receipts]
            sold = [(ago, qty if ago != 12 else 0) for ago, qty in sold]
        dates = {}
        for source, dest, rows, origin, day, hour in (
            (suppliers, stock, receipts, "Demo history receipt", 0, 8),
            (stock, customers, [(ago, qty) for ago, qty in sold if qty], "Demo history sale",
             2, 15),
        ):
            moves = self._moves_done(product, source, dest, [qty for _ago, qty in rows], origin)
            for move, (ago, _qty) in zip(moves, rows, strict=True):
                dates[move.id] = self._at(this_week, ago, day=day, hour=hour)
        self._redate(dates)

    def _moves_done(self, product, source, dest, quantities, origin):
        """One move per quantity, validated together."""
        moves = self.env["stock.move"].create([{
            "name": origin, "origin": origin, "product_id": product.id,
            "product_uom_qty": qty, "location_id": source.id, "location_dest_id": dest.id,
        } for qty in quantities])
        moves._action_confirm()
        moves._action_assign()
        for move, qty in zip(moves, quantities, strict=True):
            move.quantity = qty
        moves.picked = True
        moves._action_done()
        return moves

    @staticmethod
    def _at(this_week, weeks_ago, day, hour):
        start = this_week - datetime.timedelta(weeks=weeks_ago, days=-day)
        return datetime.datetime.combine(start, datetime.time(hour))

    def _redate(self, dates):
        """History made today, dated when it happened: moves, their lines and their
        valuation layers (so that valuation at a past date sees them)."""
        if not dates:
            return
        self.env.flush_all()
        ids, when = list(dates), list(dates.values())
        self.env.cr.execute(SQL(
            """
            UPDATE stock_move m SET date = v.date
              FROM unnest(%(ids)s::int[], %(when)s::timestamp[]) AS v(id, date)
             WHERE m.id = v.id;
            UPDATE stock_move_line ml SET date = v.date
              FROM unnest(%(ids)s::int[], %(when)s::timestamp[]) AS v(id, date)
             WHERE ml.move_id = v.id;
            UPDATE stock_valuation_layer l SET create_date = v.date
              FROM unnest(%(ids)s::int[], %(when)s::timestamp[]) AS v(id, date)
             WHERE l.stock_move_id = v.id;
            """,
            ids=ids, when=when,
        ))
        self.env.invalidate_all()

    def _load_anomalies(self):
        """One of each kind, on top of the history."""
        Quant = self.env["stock.quant"]
        now = fields.Datetime.now()
        marseille = self.env.ref("omni_stock_demo.wh_mrs").lot_stock_id
        paris = self.env.ref("omni_stock_demo.wh_par").lot_stock_id
        central = self.env.ref("omni_stock_demo.wh_central")
        damage = self.env.ref("omni_stock_adjustment.reason_damage")
        # shrink: sneakers lost in Marseille, one a week, then twelve this week
        sneaker = self._sku("SNK-WHT-41")
        Quant._update_available_quantity(sneaker, marseille, 40)
        for weeks_ago in range(10, 0, -1):
            self._count(self.env.user, sneaker, marseille, -1, damage, note="Scuffed")
            self.env.flush_all()
            self.env.cr.execute(SQL(
                "UPDATE omni_stock_adjustment_log SET date = %s WHERE id = (SELECT MAX(id)"
                " FROM omni_stock_adjustment_log WHERE product_id = %s)",
                now - datetime.timedelta(weeks=weeks_ago), sneaker.id))
        self._count(self.env.user, sneaker, marseille, -12, damage,
                    note="Display pairs missing after the weekend")
        # suspicious: a stock user writing off just under the approval threshold, again
        # and again (a different product each time)
        company = self.env.company
        limit = company.omni_adj_threshold_qty or 10
        if not company.omni_adj_threshold_qty:
            company.omni_adj_threshold_qty = limit
        night = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Théo Roux (night shift)", "login": "demo_night_shift",
            "groups_id": [fields.Command.set([self.env.ref("stock.group_stock_user").id])],
        })
        self._xmlid("user_night_shift", night)
        shrink = self.env.ref("omni_stock_adjustment.reason_shrink")
        for code in ("TEE-BLK-L", "TEE-NVY-M", "HOOD-BLK-M", "HOOD-BLK-L"):
            product = self._sku(code)
            Quant._update_available_quantity(product, paris, limit)
            self._count(night, product, paris, -(limit - 1), shrink, note="Not found")
        # return abuse: a customer who keeps returning what they bought
        customer = self.env["res.partner"].create({"name": "Alex Renard (demo customer)"})
        self._xmlid("partner_serial_returner", customer)
        tee = self._sku("TEE-BLK-M")
        for _index in range(4):
            self._customer_round_trip(central, customer, tee)
        # ... and once something never delivered to them (a duplicate claim)
        self._move_done_with(self._sku("TEE-BLK-L"), self.env.ref(
            "stock.stock_location_customers"), self.env.ref(
            "omni_stock_demo.loc_central_returns"), 1, "Demo customer return",
            partner_id=customer.id)
        # transfer loop: hoodies sent to Paris and straight back to the central warehouse
        hoodie = self._sku("HOOD-GRY-S")
        self._move_done(hoodie, central.lot_stock_id, paris, 2, "Demo transfer")
        self._move_done(hoodie, paris, central.lot_stock_id, 2, "Demo transfer back")

    def _customer_round_trip(self, warehouse, customer, product):
        """Delivered to the customer, then returned by them into inspection."""
        customers = self.env.ref("stock.stock_location_customers")
        out = self._move_done_with(product, warehouse.lot_stock_id, customers, 1,
                                   "Demo customer order", partner_id=customer.id)
        self._move_done_with(product, customers,
                             self.env.ref("omni_stock_demo.loc_central_returns"), 1,
                             "Demo customer return", partner_id=customer.id,
                             origin_returned_move_id=out.id)
