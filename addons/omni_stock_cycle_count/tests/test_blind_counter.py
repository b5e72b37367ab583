"""Blind counting as a role, tested as the users who count, over JSON-RPC and
XML-RPC: a counter (group *Cycle Counts / Counter*, no Inventory right) sees
what to count and nothing of what the system expects or of what another
counter entered, through any model, field, note or report, until the count is
closed; and whoever counted a line in any round may not decide its adjustment.
"""

import json

from odoo.addons.omni_stock.tests.rpc import RpcError, RpcMixin
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

COUNTER = "omni_stock_cycle_count.group_count_counter"
STOCK_USER = "stock.group_stock_user"
APPROVER = "omni_stock_adjustment.group_adjustment_approver"
TASK = "omni.stock.count.task"
# kilograms of flour on the shelf: no id, price or date looks like these figures
ON_HAND = 4173.25
COST = 10.0
COUNTED = 4170.25  # the first counter's figure: 3 kg short
FIGURES = ("4173.2", "4,173.2", "41732.5", "41,732.5", "4170.2", "4,170.2")
NUMBERS = (ON_HAND, ON_HAND * COST, COUNTED)


def shows_a_figure(value):
    """Whether ``value`` (as read over RPC) carries one of the shelf's figures."""
    if value is None or isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return any(abs(value - number) < 0.005 for number in NUMBERS)
    return any(figure in json.dumps(value, default=str) for figure in FIGURES)


class BlindCountCase(RpcMixin, HttpCase):
    """A shelf holding 4,173.25 kg of flour (a real inventory adjustment: quant,
    move, move line, valuation layer), a shelf with 30 tees (average cost), a web
    channel; two
    pure counters (Léa without an e-mail address, Hugo), an Inventory user who
    also counts, two approvers, an inventory manager and an internal user with
    no stock right."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company = env.company
        cls.company.write({"omni_adj_threshold_qty": 0, "omni_adj_threshold_value": 0})
        cls.warehouse = env["stock.warehouse"].create({"name": "Blind WH", "code": "BWH"})
        Location = env["stock.location"]
        cls.shelf = Location.create({"name": "Blind Shelf", "usage": "internal",
                                     "location_id": cls.warehouse.lot_stock_id.id,
                                     "barcode": "BC-SHELF-1"})
        cls.shelf2 = Location.create({"name": "Blind Shelf 2", "usage": "internal",
                                      "location_id": cls.warehouse.lot_stock_id.id,
                                      "barcode": "BC-SHELF-2"})
        Product = env["product.product"]
        cls.flour = Product.create({
            "name": "Blind Flour", "barcode": "BCFLOUR", "type": "consu", "is_storable": True,
            "uom_id": env.ref("uom.product_uom_kgm").id,
            "uom_po_id": env.ref("uom.product_uom_kgm").id,
            "standard_price": COST, "weight": 1.0})
        # average cost: Odoo's valuation of what a count brings in reads on hand with the
        # user's own rights
        avco = env["product.category"].create({"name": "Blind AVCO",
                                               "property_cost_method": "average"})
        cls.tee = Product.create({"name": "Blind Tee", "barcode": "BCTEE", "type": "consu",
                                  "is_storable": True, "standard_price": COST,
                                  "categ_id": avco.id})
        cls.serum = Product.create({"name": "Blind Serum", "barcode": "BCSERUM",
                                    "type": "consu", "is_storable": True, "tracking": "lot",
                                    "standard_price": COST})
        # a real adjustment (by the system): quant, move, move line and valuation layer
        quant = env["stock.quant"].with_context(inventory_mode=True).create({
            "product_id": cls.flour.id, "location_id": cls.shelf.id,
            "inventory_quantity": ON_HAND})
        quant._apply_inventory()
        cls.quant = quant
        env["stock.quant"]._update_available_quantity(cls.tee, cls.shelf2, 30)
        cls.channel = env["omni.channel"].create({
            "name": "Blind Web", "code": "blind-web", "channel_type": "web",
            "warehouse_ids": [(6, 0, cls.warehouse.ids)]})
        cls.lea = cls.rpc_user("bc_lea", [COUNTER], name="Léa (counter)", email=False)
        cls.hugo = cls.rpc_user("bc_hugo", [COUNTER], name="Hugo (counter)")
        cls.clerk = cls.rpc_user("bc_clerk", [COUNTER, STOCK_USER], name="Inventory user counting")
        cls.approver = cls.rpc_user("bc_approver", [APPROVER], name="Approver counting")
        cls.approver2 = cls.rpc_user("bc_approver2", [APPROVER])
        cls.manager = cls.rpc_user("bc_manager", ["stock.group_stock_manager"])
        cls.nobody = cls.rpc_user("bc_nobody", ["base.group_user"])

    # helpers ------------------------------------------------------------
    def task(self, products, location=None, user=None):
        """A count task planned by the inventory manager."""
        location = location or self.shelf
        task = self.env[TASK].with_user(self.manager).create({
            "location_id": location.id, "user_id": user.id if user else False})
        task.sudo()._omni_add_lines(products)
        return task

    def count(self, user, task, counts, call=None, submit=True):
        """``user`` counts on My Counts, through the scanner's RPC methods:
        open the task, scan its location, scan ``[(barcode, quantity)]``, submit."""
        call = call or self.rpc
        call(user, TASK, "omni_scanner_load", [task.id])
        call(user, TASK, "omni_scan_location", [task.id], task.location_id.barcode)
        for barcode, quantity in counts:
            call(user, TASK, "omni_add_count", [task.id], barcode, quantity)
        if submit:
            call(user, TASK, "action_submit", [task.id])

    def refused(self, user, model, method, *args, **kwargs):
        """The call is refused to ``user`` over XML-RPC and, as an access error,
        over JSON-RPC (whose error is returned)."""
        with self.assertRaises(RpcError, msg=f"{model}.{method} over XML-RPC"):
            self.xmlrpc(user, model, method, *args, **kwargs)
        with self.assertRaises(RpcError, msg=f"{model}.{method} over JSON-RPC") as ctx:
            self.rpc(user, model, method, *args, **kwargs)
        self.assertIn("AccessError", ctx.exception.name)
        return ctx.exception

    def both(self, user, model, method, *args, **kwargs):
        """The results of the call over JSON-RPC and XML-RPC (the same expected)."""
        return [call(user, model, method, *args, **kwargs) for call in (self.rpc, self.xmlrpc)]

    def readable_fields(self, user, model, ids):
        """Every field of ``model`` that ``user`` may read on ``ids`` (a read of all
        fields, as a client exporting everything would): the blind figures are left
        out by the suite; fields of other apps that the user may not read (e.g.
        purchase's ordered quantities) are left out here."""
        Model = self.env[model].with_user(user)
        allowed = Model.check_field_access_rights("read", None)
        self.assertFalse(set(allowed) & Model._omni_blind_fields)
        readable = []
        for name in allowed:
            try:
                with self.env.cr.savepoint():
                    Model.browse(ids).read([name])
            except AccessError as error:
                self.assertNotIn("blind", str(error), name)
                continue
            finally:
                self.env.invalidate_all()
            readable.append(name)
        return readable

    def assertNoFigure(self, data, *figures):
        text = json.dumps(data, default=str)
        for figure in FIGURES + figures:
            self.assertNotIn(figure, text)

    def onhand(self, product, location):
        return self.env["stock.quant"]._omni_onhand(product, location)


@tagged("post_install", "-at_install")
class TestCounterSeesNoStock(BlindCountCase):
    """Before submitting, a counter reads no figure of the shelf they count."""

    def test_counter_reads_no_quant_move_or_stock_report(self):
        where = [("location_id", "=", self.shelf.id)]
        for rows in self.both(self.lea, "stock.quant", "search_read", where, ["quantity"]):
            self.assertEqual(rows, [])
        for groups in self.both(self.lea, "stock.quant", "read_group", where,
                                ["quantity:sum"], ["product_id"]):
            self.assertEqual(groups, [])
        self.refused(self.lea, "stock.quant", "read", self.quant.ids, ["quantity"])
        for rows in self.both(self.lea, "stock.move.line", "search_read",
                              [("location_dest_id", "=", self.shelf.id)], ["quantity"]):
            self.assertEqual(rows, [])
        for rows in self.both(self.lea, "stock.move", "search_read",
                              [("location_dest_id", "=", self.shelf.id)], ["product_uom_qty"]):
            self.assertEqual(rows, [])
        for groups in self.both(self.lea, "report.stock.quantity", "read_group",
                                [("product_id", "=", self.flour.id)], ["product_qty:sum"],
                                ["state"]):
            self.assertEqual(groups, [])
        # an Inventory user who also counts reads stock as an Inventory user
        rows = self.rpc(self.clerk, "stock.quant", "search_read", where, ["quantity"])
        self.assertEqual([row["quantity"] for row in rows], [ON_HAND])

    def test_counter_reads_no_product_quantity_in_any_context(self):
        contexts = ({}, {"location": self.shelf.id}, {"warehouse_id": self.warehouse.id},
                    {"omni_channel_id": self.channel.id})
        names = ("qty_available", "free_qty", "virtual_available", "incoming_qty",
                 "omni_on_hand", "omni_sellable", "omni_ats", "quantity_svl", "value_svl")
        for context in contexts:
            for name in names:
                error = self.refused(self.lea, "product.product", "read", self.flour.ids, [name],
                                     context=context)
                # Odoo's valuation fields are refused earlier, by their own group
                # (omni_stock_report_account: Odoo's valuation for finance and managers)
                self.assertRegex(error.message, "blind|Odoo Valuation Fields")
            self.refused(self.lea, "product.template", "read", self.flour.product_tmpl_id.ids,
                         ["qty_available"], context=context)
            # a read of every field leaves the figures out (every field the counter may
            # read: another app's relations, e.g. purchase_stock's order lines, are that
            # app's users' only)
            for rows in self.both(self.lea, "product.product", "read", self.flour.ids,
                                  self.readable_fields(self.lea, "product.product",
                                                       self.flour.ids),
                                  context=context):
                self.assertNotIn("qty_available", rows[0])
                self.assertNoFigure(rows)
        # no guessing the figure by searching for it
        self.refused(self.lea, "product.product", "search_count",
                     [("qty_available", "=", ON_HAND)], context={"location": self.shelf.id})
        self.refused(self.lea, "product.product", "search", [("omni_on_hand", ">", 4000)])
        # still readable: what to count
        rows = self.rpc(self.lea, "product.product", "search_read",
                        [("barcode", "=", "BCFLOUR")], ["display_name", "barcode", "uom_id"])
        self.assertEqual(rows[0]["barcode"], "BCFLOUR")
        # the Inventory user who counts reads it
        rows = self.rpc(self.clerk, "product.product", "read", self.flour.ids, ["qty_available"],
                        context={"location": self.shelf.id})
        self.assertEqual(rows[0]["qty_available"], ON_HAND)

    def test_counter_reads_no_stock_by_status_nor_ats_breakdown(self):
        self.refused(self.lea, "omni.stock.position", "search_read",
                     [("location_id", "=", self.shelf.id)], ["quantity"])
        self.refused(self.lea, "omni.stock.position", "read_group",
                     [("product_id", "=", self.flour.id)], ["quantity:sum"], ["status"])
        self.refused(self.lea, "product.product", "action_omni_breakdown", self.flour.ids)
        self.refused(self.lea, "product.template", "action_omni_breakdown",
                     self.flour.product_tmpl_id.ids)
        self.refused(self.lea, "omni.ats.explanation", "create",
                     {"product_id": self.flour.id, "channel_id": self.channel.id})
        self.refused(self.lea, "omni.ats.breakdown.line", "search_read", [], ["on_hand"])
        self.refused(self.lea, "omni.channel", "read", self.channel.ids, ["name"])
        # Odoo's forecast report reads the product's quantities as the user: refused,
        # or made of rows the counter may not read
        for call in (self.rpc, self.xmlrpc):
            try:
                report = call(self.lea, "stock.forecasted_product_product",
                              "get_report_values", self.flour.ids)
            except RpcError as error:
                self.assertNoFigure(error.message)
            else:
                self.assertNoFigure(report)


@tagged("post_install", "-at_install")
class TestRecountIsBlind(BlindCountCase):
    """After the first round: the recounter sees nothing of round 1 (entries,
    counted figure, expected quantity, variance, approval request) until the
    line is closed."""

    def test_recounter_sees_nothing_of_round_one(self):
        self.company.omni_adj_threshold_qty = 1  # the 3 kg correction waits for approval
        task = self.task(self.flour)
        self.count(self.lea, task, [("BCFLOUR", COUNTED)])
        line = task.line_ids
        self.assertEqual((task.state, line.state), ("recount", "recount"))
        # Léa reads her own entry while the line is counted; Hugo reads none of hers
        rows = self.rpc(self.lea, "omni.stock.count.entry", "search_read", [], ["quantity"])
        self.assertEqual([row["quantity"] for row in rows], [COUNTED])
        for rows in self.both(self.hugo, "omni.stock.count.entry", "search_read", [],
                              ["quantity", "user_id"]):
            self.assertEqual(rows, [])
        self.refused(self.hugo, "omni.stock.count.line", "search_read",
                     [("task_id", "=", task.id)], ["counted_qty"])
        self.refused(self.hugo, "omni.stock.count.entry", "read", line.entry_ids.ids,
                     ["quantity"])
        # the recount is in Hugo's list, not in Léa's
        self.assertIn(task.id, [row["id"] for row in self.rpc(self.hugo, TASK, "omni_my_tasks")])
        self.assertNotIn(task.id, [row["id"] for row in self.rpc(self.lea, TASK, "omni_my_tasks")])
        loaded = self.rpc(self.hugo, TASK, "omni_scanner_load", [task.id])
        self.assertEqual(loaded["lines"][0]["my_qty"], 0)
        self.assertNoFigure(loaded)
        for rows in self.both(self.hugo, TASK, "search_read", [("id", "=", task.id)]):
            self.assertNoFigure(rows)
            self.assertNotIn("line_ids", rows[0])
        # Hugo recounts blind; the correction waits for an approver
        self.count(self.hugo, task, [("BCFLOUR", COUNTED)])
        self.assertEqual(line.state, "requested")
        request = line.request_id
        self.assertEqual(request.quantity_before, ON_HAND)
        self.refused(self.hugo, "omni.stock.adjustment.request", "read", request.ids,
                     ["quantity_before"])
        self.refused(self.hugo, "omni.stock.adjustment.request", "search_read", [],
                     ["quantity_before", "quantity_requested"])
        # the variance task tells counters why, the figure is the managers'
        variance = self.env[TASK].search([("trigger", "=", "variance"),
                                          ("location_id", "=", self.shelf.id)])
        self.assertTrue(variance)
        for rows in self.both(self.hugo, TASK, "search_read", [("id", "=", variance.id)],
                              ["trigger_note"]):
            self.assertIn("Variance above tolerance", rows[0]["trigger_note"])
            self.assertNotIn("3", rows[0]["trigger_note"].split(" at ")[0])
            self.assertNotIn("-3", rows[0]["trigger_note"])
        self.refused(self.hugo, TASK, "read", variance.ids, ["trigger_detail"])
        detail = self.rpc(self.manager, TASK, "read", variance.ids, ["trigger_detail"])
        self.assertIn("Variance of -3", detail[0]["trigger_detail"])
        # closed, the line's entries stay out of counters' reach (the next count of the
        # shelf would otherwise start from them)
        for user in (self.lea, self.hugo):
            self.assertEqual(
                self.rpc(user, "omni.stock.count.entry", "search_read", [], ["quantity"]), [])
        for rows in self.both(self.hugo, "mail.message", "search_read", [], ["body"]):
            self.assertNoFigure(rows, "Variance of")

    def test_no_door_shows_the_figures_to_the_recounter(self):
        """Every model Hugo's groups may read, every field of its latest rows
        (with a location, warehouse and channel in context): no figure of the
        shelf, while Léa's count waits for his recount, a correction of the
        shelf waits for approval, a pick short was reported and the shelf changed
        status (its chatter says how much it re-labels)."""
        self.company.omni_adj_threshold_qty = 1
        task = self.task(self.flour)
        self.count(self.lea, task, [("BCFLOUR", COUNTED)])
        self.assertEqual(task.state, "recount")
        clerk_quant = self.quant.with_user(self.clerk).with_context(inventory_mode=True)
        clerk_quant.write({"inventory_quantity": ON_HAND + 2,
                           "omni_reason_id": self.env.ref("omni_stock_adjustment.reason_count").id})
        clerk_quant.action_apply_inventory()
        self.assertEqual(self.env["omni.stock.adjustment.request"].search(
            [("product_id", "=", self.flour.id)]).quantity_before, ON_HAND)
        self.env["omni.stock.pick.short"].with_user(self.clerk)._omni_report(
            self.tee, self.shelf2, 2)
        self.shelf.omni_status = "unpickable"
        self.shelf.omni_status = "sellable"
        self.assertTrue(self.env["mail.message"].search(
            [("model", "=", "stock.location"), ("res_id", "=", self.shelf.id),
             ("body", "ilike", "4173")]))
        leaks = self.doors(self.hugo)
        self.assertFalse(leaks, "a counter read the shelf's figures")
        # the same search finds them where an Inventory user reads them
        found = set(self.doors(self.clerk, ["stock.quant", "product.product", "stock.location"]))
        self.assertLessEqual(
            {("stock.quant", "quantity"), ("product.product", "qty_available"),
             ("product.product", "quantity_svl"), ("stock.location", "net_weight")}, found)

    def doors(self, user, models=None):
        """``[(model, field)]`` whose value shows a figure of the shelf to ``user``,
        over ``models`` (default: every model their groups may read), through the ORM
        (the checks RPC goes through)."""
        context = {"location": self.shelf.id, "warehouse_id": self.warehouse.id,
                   "omni_channel_id": self.channel.id}
        leaks = []
        for model in models or sorted(self.env["ir.model"].search([]).mapped("model")):
            if model not in self.env or self.env[model]._abstract:
                continue
            Model = self.env[model].with_user(user).with_context(**context)
            if not Model.has_access("read"):
                continue
            try:
                with self.env.cr.savepoint():
                    records = Model.search([], limit=60, order="id desc")
            except Exception:  # noqa: BLE001 pylint: disable=broad-exception-caught
                continue  # refused, or a model that cannot be listed this way
            names = [name for name, field in Model._fields.items()
                     if field.is_accessible(Model.env) and field.type != "binary"]
            for name in names:
                try:
                    with self.env.cr.savepoint():
                        rows = records.read([name])
                except AccessError:
                    continue  # refused: what the counter should get
                except Exception:  # noqa: BLE001 pylint: disable=broad-exception-caught
                    continue  # a field that cannot be computed here shows nothing either
                if any(shows_a_figure(row[name]) for row in rows):
                    leaks.append((model, name))
        return leaks


@tagged("post_install", "-at_install")
class TestSeparationOfDutiesAcrossRounds(BlindCountCase):
    """Whoever counted a line, in any round, may not approve or reject its adjustment."""

    def test_first_round_counter_who_approves_cannot_decide(self):
        self.company.omni_adj_threshold_qty = 10  # +15 waits for an approver
        task = self.task(self.tee, location=self.shelf2)
        # round 1: the approver (counting as an Inventory user) and Léa add up to 45
        self.count(self.approver, task, [("BCTEE", 40)], submit=False)
        self.count(self.lea, task, [("BCTEE", 5)])
        self.assertEqual(task.state, "recount")
        # round 2: Hugo recounts 45
        self.count(self.hugo, task, [("BCTEE", 45)])
        request = task.line_ids.request_id
        self.assertRecordValues(request, [{"state": "to_approve", "quantity_delta": 15,
                                           "requester_id": self.hugo.id}])
        self.assertEqual(request.counter_ids, self.approver | self.lea | self.hugo)
        self.assertNotIn(self.approver, request.activity_ids.user_id)
        for call in (self.rpc, self.xmlrpc):
            with self.assertRaisesRegex(RpcError, "your own"):
                call(self.approver, "omni.stock.adjustment.request", "action_approve",
                     request.ids)
            with self.assertRaisesRegex(RpcError, "your own"):
                call(self.approver, "omni.stock.adjustment.request", "action_reject",
                     request.ids, "looks wrong")
        self.assertEqual(request.state, "to_approve")
        self.assertEqual(self.onhand(self.tee, self.shelf2), 30)
        self.rpc(self.approver2, "omni.stock.adjustment.request", "action_approve", request.ids)
        self.assertEqual(request.state, "approved")
        self.assertEqual(self.onhand(self.tee, self.shelf2), 45)
        log = request.log_ids.filtered(lambda entry: entry.event == "applied")
        self.assertEqual(log.counter_ids, self.approver | self.lea | self.hugo)


@tagged("post_install", "-at_install")
class TestCounterCounts(BlindCountCase):
    """A counter without Inventory rights still does the whole scanner flow."""

    def test_counter_counts_over_the_scanner_routes(self):
        task = self.task(self.tee | self.serum, location=self.shelf2, user=self.lea)
        other = self.task(self.tee, location=self.shelf, user=self.hugo)
        for call in (self.rpc, self.xmlrpc):
            ids = [row["id"] for row in call(self.lea, TASK, "omni_my_tasks")]
            self.assertIn(task.id, ids)
            self.assertNotIn(other.id, ids)
        self.assertEqual(self.rpc(self.lea, TASK, "search", [("id", "=", other.id)]), [])
        self.rpc(self.lea, TASK, "omni_scanner_load", [task.id])
        self.rpc(self.lea, TASK, "omni_scan_location", [task.id], "BC-SHELF-2")
        self.rpc(self.lea, TASK, "omni_add_count", [task.id], "BCTEE")  # one per scan
        self.xmlrpc(self.lea, TASK, "omni_add_count", [task.id], "BCTEE", 30)
        with self.assertRaisesRegex(RpcError, "scan or type its lot"):
            self.rpc(self.lea, TASK, "omni_add_count", [task.id], "BCSERUM", 2)
        line = self.rpc(self.lea, TASK, "omni_add_count", [task.id], "BCSERUM", 2, "LOT-7")
        self.assertEqual((line["lot"], line["my_qty"]), ("LOT-7", 2))
        loaded = self.rpc(self.lea, TASK, "omni_scanner_load", [task.id])
        self.assertEqual(sorted((row["product"], row["my_qty"]) for row in loaded["lines"]),
                         [("Blind Serum", 0), ("Blind Serum", 2), ("Blind Tee", 31)])
        # what became of her lines, in numbers of lines, never a quantity
        self.assertEqual(self.rpc(self.lea, TASK, "action_submit", [task.id]),
                         {"applied": 3, "requested": 0, "recount": 0})
        self.assertEqual(task.state, "done")
        self.assertEqual(self.onhand(self.tee, self.shelf2), 31)
        lot = self.env["stock.lot"].search([("product_id", "=", self.serum.id),
                                            ("name", "=", "LOT-7")])
        self.assertEqual(self.env["stock.quant"]._omni_onhand(self.serum, self.shelf2, lot=lot),
                         2)
        log = self.env["omni.stock.adjustment.log"].search(
            [("product_id", "=", self.tee.id), ("location_id", "=", self.shelf2.id)])
        self.assertEqual((log.requester_id, log.counter_ids), (self.lea, self.lea))
        # Hugo's task is not hers to read, nor to count
        self.refused(self.lea, TASK, "omni_scanner_load", other.ids)

    def test_users_who_do_not_count_are_refused(self):
        task = self.task(self.tee, location=self.shelf2)
        with self.assertRaisesRegex(RpcError, "Only counters and inventory users"):
            self.rpc(self.nobody, TASK, "omni_scanner_load", task.ids)
        with self.assertRaisesRegex(RpcError, "Only counters and inventory users"):
            self.xmlrpc(self.nobody, TASK, "omni_add_count", task.ids, "BCTEE", 3)
        self.assertFalse(task.line_ids.entry_ids)
        # counters neither write tasks and entries nor report picks short
        self.refused(self.lea, TASK, "write", task.ids, {"user_id": self.lea.id})
        self.refused(self.lea, "omni.stock.count.entry", "create",
                     {"line_id": task.line_ids.id, "user_id": self.lea.id, "quantity": 3})
        with self.assertRaisesRegex(RpcError, "Only inventory users report picks short"):
            self.rpc(self.lea, "omni.stock.pick.short", "omni_scanner_report_short",
                     "BC-SHELF-2", "BCTEE", 2)
