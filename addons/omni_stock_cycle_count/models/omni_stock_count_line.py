# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.addons.omni_stock_adjustment.tools import FINANCE_GROUP, internal_stock_operation
from odoo.tools import float_compare

from .stock_warehouse import ABC_CLASSES

LINE_STATES = [
    ("todo", "To count"),
    ("recount", "To recount"),
    ("applied", "Applied"),
    ("requested", "Waiting for approval"),
    ("cancel", "Cancelled"),
]
MANAGER = "stock.group_stock_manager"


class OmniStockCountLine(models.Model):
    """A product (and lot) to count in a task's location.

    The counted quantity is the sum of the entries of the current round (each
    counter adds, nobody overwrites). The expected quantity is snapshotted
    when the count is submitted and readable by inventory managers only (blind
    counts): so are the variances.
    """

    _name = "omni.stock.count.line"
    _description = "Cycle Count Line"
    _order = "task_id, id"
    _rec_name = "product_id"

    task_id = fields.Many2one("omni.stock.count.task", required=True, ondelete="cascade",
                              index=True, readonly=True)
    company_id = fields.Many2one(related="task_id.company_id", store=True, index=True)
    warehouse_id = fields.Many2one(related="task_id.warehouse_id", store=True, index=True)
    location_id = fields.Many2one(related="task_id.location_id", store=True, index=True)
    trigger = fields.Selection(related="task_id.trigger", store=True)
    product_id = fields.Many2one("product.product", required=True, readonly=True, index=True)
    lot_id = fields.Many2one("stock.lot", "Lot/Serial", readonly=True)
    abc_class = fields.Selection(ABC_CLASSES, "Class", default="C", readonly=True)
    state = fields.Selection(LINE_STATES, required=True, default="todo", readonly=True,
                             index=True)
    round = fields.Integer(default=1, readonly=True, help="1: first count, 2: recount.")
    entry_ids = fields.One2many("omni.stock.count.entry", "line_id", readonly=True)
    counted_qty = fields.Float(digits="Product Unit of Measure",
                               compute="_compute_counted", store=True)
    counter_ids = fields.Many2many(
        "res.users", compute="_compute_counter_ids", string="Counted By",
        help="Everyone who counted this line, in every round: none of them may approve "
        "or reject its adjustment.")
    excluded_user_ids = fields.Many2many(
        "res.users", "omni_stock_count_line_excluded_rel", "line_id", "user_id",
        "First Counters", readonly=True, help="They may not recount this line.")
    counted_at = fields.Datetime(readonly=True, index=True)
    expected_qty = fields.Float(digits="Product Unit of Measure", readonly=True, groups=MANAGER,
                                help="On hand when the count was submitted.")
    variance_qty = fields.Float(digits="Product Unit of Measure", readonly=True, groups=MANAGER)
    # amounts are finance's (omni_stock_adjustment/tools/finance.py)
    expected_value = fields.Float(readonly=True, groups=FINANCE_GROUP)
    variance_value = fields.Float(readonly=True, groups=FINANCE_GROUP,
                                  help="Absolute variance x cost.")
    within_tolerance = fields.Boolean(readonly=True)
    applied_qty = fields.Float(digits="Product Unit of Measure", readonly=True, groups=MANAGER,
                               help="Quantity applied: counted plus the moves since the count.")
    request_id = fields.Many2one("omni.stock.adjustment.request", readonly=True)

    def _current_entries(self):
        self.ensure_one()
        return self.entry_ids.filtered(lambda entry: entry.round == self.round)

    @api.depends("entry_ids.quantity", "entry_ids.round", "round")
    def _compute_counted(self):
        for line in self:
            line.counted_qty = sum(line._current_entries().mapped("quantity"))

    @api.depends("entry_ids.user_id")
    def _compute_counter_ids(self):
        counters = self._omni_counters()
        for line in self:
            line.counter_ids = counters[line.id]

    def _omni_counters(self):
        """``{line id: res.users}``: everyone who counted each line, in every round (the
        first counters took part in the figure a recount confirms). The lines of the
        database are read in one query, a form's draft lines from their entries."""
        counters = defaultdict(lambda: self.env["res.users"])
        saved = self.filtered("id")
        for line, users in self.env["omni.stock.count.entry"]._read_group(
                [("line_id", "in", saved.ids)], ["line_id"], ["user_id:recordset"]):
            counters[line.id] = users
        for line in self - saved:
            counters[line.id] = line.entry_ids.user_id
        return counters

    def _omni_scanner_line(self):
        """A line as the counter's screen shows it: their own count, nothing expected."""
        self.ensure_one()
        # earned: _ensure_counter() in the scanner's methods; the caller's own entries only
        mine = self.sudo().entry_ids.filtered(
            lambda entry: entry.round == self.round and entry.user_id == self.env.user)
        return {
            "id": self.id,
            "product": self.product_id.display_name,
            "barcode": self.product_id.barcode or "",
            "tracking": self.product_id.tracking,
            "lot": self.lot_id.name or "",
            "my_qty": sum(mine.mapped("quantity")),
            "counted": bool(mine),
            "uom": self.product_id.uom_id.name,
            "recount": self.state == "recount",
        }

    def _omni_set_entry(self, quantity):
        """The current user's count of this round on this line becomes ``quantity``."""
        self.ensure_one()
        # earned: _ensure_counter() in omni_set_count, the only caller; own entries only
        self.sudo().entry_ids.filtered(
            lambda entry: entry.round == self.round and entry.user_id == self.env.user
        ).unlink()
        return self._omni_add_entry(quantity)

    def _omni_add_entry(self, quantity):
        self.ensure_one()
        if not self.counted_at:
            self._omni_snapshot_expected()
        # earned: _ensure_counter() in _omni_add_product_count and omni_set_count, the
        # only callers (directly or through _omni_set_entry)
        return self.env["omni.stock.count.entry"].sudo().create({
            "line_id": self.id, "user_id": self.env.uid, "quantity": quantity,
            "round": self.round,
        })

    # ------------------------------------------------------------------ count

    def _omni_quants(self):
        """``{line id: quant}``: each line's quant (no package, no owner), read in one
        search; created empty where the product was found and none was."""
        # earned: _ensure_counter() in action_submit, before _omni_submit
        Quant = self.env["stock.quant"].sudo()
        found = {}
        for quant in Quant.search([
            ("product_id", "in", self.product_id.ids),
            ("location_id", "in", self.location_id.ids),
            ("package_id", "=", False), ("owner_id", "=", False),
        ], order="id"):
            found.setdefault((quant.product_id.id, quant.location_id.id, quant.lot_id.id), quant)
        key = {line.id: (line.product_id.id, line.location_id.id, line.lot_id.id)
               for line in self}
        missing = list({key[line.id] for line in self if key[line.id] not in found})
        if missing:
            with internal_stock_operation():
                created = Quant.create([
                    {"product_id": product_id, "location_id": location_id, "lot_id": lot_id}
                    for product_id, location_id, lot_id in missing
                ])
            found.update(zip(missing, created, strict=True))
        return {line.id: found[key[line.id]] for line in self}

    def _omni_costs(self):
        """``{line id: cost}``: each line's product cost in the line's company, read
        once per company for all the products."""
        costs = self.env["omni.stock.adjustment.policy"]._omni_costs(
            (line.product_id, line.company_id) for line in self)
        return {line.id: costs[line.product_id.id, line.company_id.id] for line in self}

    def _omni_snapshot_expected(self):
        """Count time: the expected quantity is the stock on hand when the
        line's first quantity of the round is entered (or at submission)."""
        if not self:
            return
        # earned: _ensure_counter() before the first entry (_omni_add_entry) or the submit
        quants = self.sudo()._omni_quants()
        costs = self.sudo()._omni_costs()
        for line in self.sudo():
            quant = quants[line.id]
            cost = costs[line.id]
            line.write({
                "counted_at": fields.Datetime.now(),
                "expected_qty": quant.quantity,
                "expected_value": quant.quantity * cost,
            })

    def _omni_evaluate(self):
        """Variance of the count against its expected quantity, and tolerance."""
        self.filtered(lambda line: not line.counted_at)._omni_snapshot_expected()
        # earned: _ensure_counter() in action_submit, before _omni_submit
        lines = self.sudo()
        tolerances = {}  # (warehouse, class): (quantity, value), read once
        costs = lines._omni_costs()
        by_vals = defaultdict(list)  # the same figures are written at once
        for line in lines:
            cost = costs[line.id]
            variance = line.counted_qty - line.expected_qty
            key = (line.warehouse_id, line.abc_class)
            if key not in tolerances:
                tolerances[key] = line.warehouse_id._omni_count_tolerance(line.abc_class)
            tol_qty, tol_value = tolerances[key]
            rounding = line.product_id.uom_id.rounding
            within = (
                float_compare(abs(variance), tol_qty, precision_rounding=rounding) <= 0
                and float_compare(abs(variance) * cost, tol_value, precision_digits=2) <= 0
            )
            by_vals[variance, abs(variance) * cost, within].append(line.id)
        for (variance, value, within), ids in by_vals.items():
            lines.browse(ids).write({
                "variance_qty": variance,
                "variance_value": value,
                "within_tolerance": within,
            })

    def _omni_start_recount(self):
        # earned: _ensure_counter() in action_submit, before _omni_submit
        counters = self.sudo()._omni_counters()
        for line in self.sudo():
            line.write({
                "state": "recount",
                "excluded_user_ids": [Command.link(user.id) for user in counters[line.id]],
                "round": line.round + 1,
                "counted_at": False,
            })

    def _omni_apply(self):
        """Apply the counted quantities through the adjustment policy (reason
        "cycle count", source "count", counters = who counted the line in any
        round), reconciled with the moves since the count: applied = counted +
        (on hand now - expected at count time). Runs in the name of the user
        who submits (their user id), with sudo: see ``_omni_submit``."""
        if not self:
            return
        # earned: a counter has no right on quants and moves (``_omni_submit`` checked
        # them as the task's counter); the user id, hence requester and running
        # totals, stays theirs
        lines = self.sudo()
        reason = lines.env.ref("omni_stock_cycle_count.reason_cycle_count")
        counts, quants, counters = [], lines._omni_quants(), lines._omni_counters()
        for line in lines:
            quant = quants[line.id]
            moved = quant.quantity - line.expected_qty
            counts.append({
                "quant": quant,
                "quantity": line.counted_qty + moved,
                "reason": reason,
                "note": line.task_id.name,
                "counters": counters[line.id],
                "source": "count",
            })
        result = lines.env["stock.quant"]._omni_apply_counts(counts)
        # stock_account computes a product's total value from its on hand quantity read
        # with the user's own rights (``sudo(False)``), which show a counter no stock:
        # forget what was computed so for the rest of the transaction
        lines.product_id.invalidate_recordset()
        pending = {
            (request.product_id.id, request.location_id.id, request.lot_id.id): request
            for request in result["requested"].sudo()
        }
        by_vals = defaultdict(list)  # the same figures are written at once
        for line, count in zip(lines, counts, strict=True):
            quant = quants[line.id]
            request = pending.get((quant.product_id.id, quant.location_id.id, quant.lot_id.id))
            by_vals[request.id if request else False, count["quantity"]].append(line.id)
        for (request_id, applied), ids in by_vals.items():
            lines.browse(ids).write({
                "state": "requested" if request_id else "applied",
                "request_id": request_id,
                "applied_qty": applied,
            })
        lines._omni_after_apply()

    def _omni_after_apply(self):
        """Lift the pick shorts the count settled, trigger the next count of
        variances above tolerance, re-measure the locations."""
        # earned: _ensure_counter() in action_submit, before _omni_submit
        self.env["omni.stock.pick.short"].sudo()._omni_resolve(self)
        Task = self.env["omni.stock.count.task"]
        for line in self.filtered(lambda line: not line.within_tolerance):
            Task._omni_trigger(
                "variance", line.location_id, line.product_id,
                f"variance:{line.location_id.id}:{line.product_id.id}",
                # counters read the note: the variance itself is the managers'
                note=self.env._("Variance above tolerance at the count of %(date)s",
                                date=line.counted_at),
                detail=self.env._("Variance of %(qty)s at %(date)s", qty=line.variance_qty,
                                  date=line.counted_at),
                urgent=False,
            )
        self.location_id._omni_measure_accuracy()

