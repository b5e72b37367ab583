"""Demo retailer, finance and control: costs, perpetual valuation, a closed previous
month with its reconciliation, KPIs and exception alerts of each kind."""

import calendar
from datetime import datetime, time, timedelta

from odoo import api, fields, models

COST_SHARE = 0.4
FIFO_CATEGORIES = ("Shoes",)


class OmniStockDemoLoader(models.AbstractModel):
    _inherit = "omni.stock.demo.loader"

    # ------------------------------------------------------------------
    # costs before the first stock move, so that every layer has its cost
    # ------------------------------------------------------------------
    def _load_stock(self, central, locs, stores, transit, variants):
        self._load_costs(variants)
        return super()._load_stock(central, locs, stores, transit, variants)

    def _load_costs(self, variants):
        """Perpetual valuation on the apparel categories (AVCO, FIFO for shoes) and a
        cost on every product (40 % of its price)."""
        company = self.env.company
        if not company.chart_template:
            # installed in one go, Odoo loads the chart of accounts only after every
            # module (registry hook); perpetual valuation needs its stock accounts now
            Chart = self.env["account.chart.template"]
            Chart.try_loading(Chart._guess_chart_template(company.country_id), company)
        apparel = self.env.ref("omni_stock_demo.categ_apparel")
        for categ in self.env["product.category"].search([("id", "child_of", apparel.id)]):
            categ.write({
                "property_valuation": "real_time",
                "property_cost_method": "fifo" if categ.name in FIFO_CATEGORIES
                else "average",
            })
        for variant in variants:
            cost = round(variant.lst_price * COST_SHARE, 2)
            if variant.standard_price != cost:
                variant.standard_price = cost

    # ------------------------------------------------------------------
    @api.model
    def _load_finance(self):
        if self.env.ref("omni_stock_demo.reconciliation_previous_month",
                        raise_if_not_found=False):
            return
        self = self.with_context(tracking_disable=True, mail_create_nolog=True)
        variants = self.env["product.product"].search(
            [("default_code", "!=", False), ("product_tmpl_id.categ_id.parent_id", "=",
                                             self.env.ref("omni_stock_demo.categ_apparel").id)],
            order="id")
        self._load_costs(variants)
        today = fields.Date.context_today(self)
        month_start = today.replace(day=1)
        previous_end = month_start - timedelta(days=1)
        previous_start = previous_end.replace(day=1)
        self._load_opening_balance(variants, previous_start - timedelta(days=1))
        self._load_previous_month(variants, previous_start)
        self._load_close(previous_start, previous_end)
        self._load_alerts(variants)
        self._load_kpis(variants, previous_start, today)

    # helpers ---------------------------------------------------------------
    def _at(self, day, hour=10):
        return datetime.combine(day, time(hour))

    def _backdate(self, moves, when):
        """Date done moves, their lines and layers at ``when`` (their journal entries
        were dated through force_period_date)."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute("UPDATE stock_move SET date = %s WHERE id = ANY(%s)", [when, moves.ids])
        cr.execute("UPDATE stock_move_line SET date = %s WHERE move_id = ANY(%s)",
                   [when, moves.ids])
        cr.execute("UPDATE stock_valuation_layer SET create_date = %s"
                   " WHERE stock_move_id = ANY(%s)", [when, moves.ids])
        cr.execute("UPDATE stock_picking SET date_done = %s WHERE id = ANY(%s)",
                   [when, moves.picking_id.ids])
        self.env.invalidate_all()

    def _account(self, account_type):
        return self.env["account.account"].search(
            [("account_type", "=", account_type),
             ("company_ids", "in", self.env.company.ids)], order="code", limit=1)

    def _validate(self, picking, quantities=None, **ctx):
        picking.action_assign()
        for move in picking.move_ids:
            move.quantity = (quantities or {}).get(move.product_id, move.product_uom_qty)
            move.picked = True
        picking.with_context(**ctx)._action_done()
        return picking

    # opening balance -------------------------------------------------------
    def _load_opening_balance(self, variants, day):
        """The demo's stock was put in place without stock moves: give it opening
        valuation layers (quants minus what the layers already hold) and one journal
        entry, dated before the previous month."""
        company = self.env.company
        self.env.flush_all()
        self.env.cr.execute("""
            SELECT q.product_id, SUM(q.quantity)
              FROM stock_quant q JOIN stock_location l ON l.id = q.location_id
             WHERE l.company_id = %s AND q.owner_id IS NULL
               AND (l.usage = 'internal' OR l.usage = 'transit')
               AND q.product_id = ANY(%s)
             GROUP BY 1
        """, [company.id, variants.ids])
        on_hand = dict(self.env.cr.fetchall())
        # earned: demo data, loaded by the module's install (superuser)
        Layer = self.env["stock.valuation.layer"].sudo()
        vals_list, total = [], 0.0
        for variant in variants.with_company(company):
            quantity = on_hand.get(variant.id, 0.0) - variant.quantity_svl
            if quantity <= 0:
                continue
            value = company.currency_id.round(quantity * variant.standard_price)
            total += value
            vals_list.append({
                "product_id": variant.id, "company_id": company.id, "quantity": quantity,
                "unit_cost": variant.standard_price, "value": value,
                "remaining_qty": quantity, "remaining_value": value,
                "description": self.env._("Opening balance"),
            })
        layers = Layer.create(vals_list)
        valuation = variants[:1].categ_id.with_company(company) \
            .property_stock_valuation_account_id
        entry = self.env["account.move"].create({
            "move_type": "entry", "date": day, "ref": self.env._("Opening stock balance"),
            "journal_id": variants[:1].categ_id.with_company(company)
            .property_stock_journal.id,
            "line_ids": [
                fields.Command.create({"account_id": valuation.id, "debit": total,
                                       "name": self.env._("Opening stock")}),
                fields.Command.create({"account_id": self._account("equity").id,
                                       "credit": total, "name": self.env._("Opening stock")}),
            ],
        })
        entry.action_post()
        layers.account_move_id = entry
        self.env.flush_all()
        self.env.cr.execute("UPDATE stock_valuation_layer SET create_date = %s"
                            " WHERE id = ANY(%s)", [self._at(day, 8), layers.ids])
        self._xmlid("opening_balance_entry", entry)

    # previous month --------------------------------------------------------
    def _load_previous_month(self, variants, start):
        central = self.env.ref("omni_stock_demo.wh_central")
        paris = self.env.ref("omni_stock_demo.wh_par")
        lyon = self.env.ref("omni_stock_demo.wh_lyo")
        suppliers = self.env.ref("stock.stock_location_suppliers")
        hoodies = variants.filtered(lambda v: v.default_code.startswith("HOOD-"))[:4]
        # a supplier receipt on the 10th
        day = start + timedelta(days=9)
        receipt = self._picking(central.in_type_id, suppliers, central.lot_stock_id, hoodies,
                                12, "Supplier receipt (last month)", scheduled=self._at(day))
        self._validate(receipt, force_period_date=day)
        self._backdate(receipt.move_ids, self._at(day))
        # damaged tees written off in Paris on the 18th
        day = start + timedelta(days=17)
        quant = self.env["stock.quant"].search([
            ("location_id", "=", paris.lot_stock_id.id), ("quantity", ">=", 3),
            ("product_id.default_code", "=like", "TEE-WHT-%")], order="id", limit=1)
        tee = quant.product_id
        before = self.env["stock.move"].search([], order="id desc", limit=1).id
        quant.with_context(inventory_mode=True).write({
            "inventory_quantity": quant.quantity - 2,
            "omni_reason_id": self.env.ref("omni_stock_adjustment.reason_damage").id,
            "omni_reason_note": self.env._("Stained during the window display change"),
            "accounting_date": day,
        })
        quant.action_apply_inventory()
        moves = self.env["stock.move"].search([("id", ">", before),
                                               ("product_id", "=", tee.id)])
        self._backdate(moves, self._at(day, 16))
        self.env.cr.execute(
            "UPDATE omni_stock_adjustment_log SET date = %s, requested_at = %s"
            " WHERE product_id = %s AND location_id = %s",
            [self._at(day, 16), self._at(day, 16), tee.id, paris.lot_stock_id.id])
        # a supplier credit booked straight on the stock account on the 25th
        day = start + timedelta(days=24)
        valuation = hoodies[:1].categ_id.property_stock_valuation_account_id
        entry = self.env["account.move"].create({
            "move_type": "entry", "date": day,
            "ref": self.env._("Supplier credit note HOOD-2024 booked on stock"),
            "line_ids": [
                fields.Command.create({"account_id": valuation.id, "credit": 120.0,
                                       "name": self.env._("Supplier credit")}),
                fields.Command.create({"account_id": self._account("expense").id,
                                       "debit": 120.0, "name": self.env._("Supplier credit")}),
            ],
        })
        entry.action_post()
        self._xmlid("manual_stock_entry", entry)
        # two jeans turn up in Lyon with no receipt and no count: nobody knows why
        jeans = self.env.ref("omni_stock_demo.product_jean_ind_32")
        self.env["stock.quant"]._update_available_quantity(jeans, lyon.lot_stock_id, 2)

    def _load_close(self, start, end):
        Reconciliation = self.env["omni.stock.reconciliation"]
        reconciliation = self._xmlid("reconciliation_previous_month", Reconciliation.create(
            {"date_from": start, "date_to": end}))
        reconciliation.action_compute()
        notes = {
            "manual_entry": self.env._(
                "Supplier credit booked on the stock account by the accounts payable team; "
                "to be reclassified to the stock input account."),
            "unexplained": self.env._(
                "Under investigation with the Lyon store manager: stock found without a "
                "receipt or a count."),
        }
        for line in reconciliation.line_ids:
            line.review_note = notes.get(line.cause, self.env._("Checked"))
        close = self._xmlid("close_previous_month", self.env["omni.stock.period.close"].create(
            {"date_from": start, "date_to": end}))
        close.action_check()
        if close.is_clear:
            close.action_close()
        else:
            close.action_override(self.env._(
                "Demo data: closed with the open items listed in the checklist."))

    # alerts ----------------------------------------------------------------
    def _load_alerts(self, variants):
        Quant = self.env["stock.quant"]
        now = fields.Datetime.now()
        # negative stock: sold at the till in Lille before the transfer was booked
        lille = self.env.ref("omni_stock_demo.wh_lil").lot_stock_id
        sneaker = self.env.ref("omni_stock_demo.product_snk_wht_42")
        on_hand = Quant._get_available_quantity(sneaker, lille, strict=True)
        Quant._update_available_quantity(sneaker, lille, -(on_hand + 2))
        # unusual adjustment: a store clerk's small corrections, then a big one (found
        # stock, so that it does not weigh on the shrinkage of the demo)
        clerk = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Camille Martin (store clerk)", "login": "demo_store_clerk",
            "groups_id": [fields.Command.set([self.env.ref("stock.group_stock_user").id])],
        })
        self._xmlid("user_store_clerk", clerk)
        marseille = self.env.ref("omni_stock_demo.wh_mrs").lot_stock_id
        Quant._update_available_quantity(sneaker, marseille, 40)
        reason = self.env.ref("omni_stock_adjustment.reason_count")
        for _index in range(6):
            self._count(clerk, sneaker, marseille, 1, reason)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE omni_stock_adjustment_log SET date = date - interval '20 days'"
            " WHERE product_id = %s AND location_id = %s", [sneaker.id, marseille.id])
        self._count(clerk, sneaker, marseille, 14, self.env.ref(
            "omni_stock_adjustment.reason_found"), note="Box found behind the stockroom door")
        # a realistic loss: one tee stolen in Lyon
        lyon = self.env.ref("omni_stock_demo.wh_lyo").lot_stock_id
        stolen = self.env["stock.quant"].search([
            ("location_id", "=", lyon.id), ("quantity", ">=", 2),
            ("product_id.default_code", "=like", "TEE-NVY-%")], order="id", limit=1)
        self._count(self.env.user, stolen.product_id, lyon, -1, self.env.ref(
            "omni_stock_adjustment.reason_shrink"), note="Security tag found in the fitting room")
        # high count variance: coats recounted in Bordeaux
        bordeaux = self.env.ref("omni_stock_demo.wh_bod").lot_stock_id
        coat = self.env.ref("omni_stock_demo.product_coat_blk_l")
        Quant._update_available_quantity(coat, bordeaux, 2)
        self._count(self.env.user, coat, bordeaux, 6, reason)
        # late receipt: due three days ago, still not received
        central = self.env.ref("omni_stock_demo.wh_central")
        self._picking(central.in_type_id, self.env.ref("stock.stock_location_suppliers"),
                      central.lot_stock_id, variants[10:13], 6, "Supplier receipt (late)",
                      scheduled=now - timedelta(days=3))
        # duplicate return: a web order's parcel reported returned twice
        web = self.env.ref("omni_stock_demo.channel_web")
        order = self._sale_order(web, central, [(self.env.ref(
            "omni_stock_demo.product_hood_gry_m"), 1)])
        delivery = self._validate(order.picking_ids)
        returns = self.env.ref("omni_stock_demo.loc_central_returns")
        for _index in range(2):
            self._move_done_with(delivery.move_ids.product_id, self.env.ref(
                "stock.stock_location_customers"), returns, 1, order.name,
                origin_returned_move_id=delivery.move_ids.id)
        self.env["omni.stock.alert"].scan()

    def _count(self, user, product, location, delta, reason, note=None):
        quant = self.env["stock.quant"].search([("product_id", "=", product.id),
                                                ("location_id", "=", location.id)])
        quant = quant.with_user(user).with_context(inventory_mode=True)
        quant.write({"inventory_quantity": quant.quantity + delta,
                     "omni_reason_id": reason.id, "omni_reason_note": note})
        quant.action_apply_inventory()

    def _move_done_with(self, products, source, dest, qty, origin, **vals):
        """Like _move_done, with extra move values (return origin, chained moves)."""
        moves = self.env["stock.move"].create([{
            "name": origin, "origin": origin, "product_id": product.id,
            "product_uom_qty": qty, "location_id": source.id, "location_dest_id": dest.id,
            **vals,
        } for product in products])
        moves._action_confirm()
        moves._action_assign()
        moves.quantity = qty
        moves.picked = True
        moves._action_done()
        return moves

    def _sale_order(self, channel, warehouse, lines, **vals):
        partner = self.env["res.partner"].search([("name", "=", "Web customer (demo)")],
                                                 limit=1) or self.env["res.partner"].create(
            {"name": "Web customer (demo)"})
        order = self.env["sale.order"].create({
            "partner_id": partner.id, "warehouse_id": warehouse.id,
            "omni_channel_id": channel.id,
            "order_line": [fields.Command.create({"product_id": p.id, "product_uom_qty": q})
                           for p, q in lines],
            **vals,
        })
        order.action_confirm()
        return order

    # KPIs ------------------------------------------------------------------
    def _load_kpis(self, variants, start, today):
        """Channel orders (kept, backordered, cancelled, late), an inter-store
        transfer, today's ATS snapshot, and the KPIs of both months."""
        central = self.env.ref("omni_stock_demo.wh_central")
        web = self.env.ref("omni_stock_demo.channel_web")
        north = self.env.ref("omni_stock_demo.channel_market_north")
        jeans = variants.filtered(lambda v: v.default_code.startswith("JEAN-"))
        for index, product in enumerate(jeans):
            order = self._sale_order(web if index % 2 else north, central, [(product, 2)])
            if index == 0:
                self._validate(order.picking_ids, {product: 1})  # one left in a backorder
            else:
                self._validate(order.picking_ids)
        sneaker = {size: self.env.ref(f"omni_stock_demo.product_snk_wht_{size}")
                   for size in (40, 41, 43, 44)}
        late = self._sale_order(web, central, [(sneaker[40], 1)],
                           commitment_date=fields.Datetime.now() - timedelta(days=2))
        self._validate(late.picking_ids)
        self._sale_order(north, central, [(sneaker[41], 1)])._action_cancel()
        # Central -> transit (two days ago) -> Lyon today
        lyon = self.env.ref("omni_stock_demo.wh_lyo")
        transit = self.env.ref("omni_stock_demo.loc_transit")
        shipped = self._move_done(sneaker[43] | sneaker[44], central.lot_stock_id, transit, 3,
                                  "Replenishment to Lyon")
        self.env.flush_all()
        self.env.cr.execute("UPDATE stock_move SET date = date - interval '2 days'"
                            " WHERE id = ANY(%s)", [shipped.ids])
        self.env.invalidate_all()
        for move in shipped:
            self._move_done_with(move.product_id, transit, lyon.lot_stock_id, 3,
                                 "Replenishment to Lyon",
                                 move_orig_ids=[fields.Command.set(move.ids)])
        self.env["omni.stock.ats.snapshot"].take()
        end = today.replace(day=calendar.monthrange(today.year, today.month)[1])
        self.env["omni.stock.kpi"].refresh(start, end)
