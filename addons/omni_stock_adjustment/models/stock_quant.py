# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero

from ..tools import (
    adjustment_source,
    internal_stock_operation,
    is_internal,
    trusted_adjustment,
)

OMNI_QUANT_FIELDS = ("omni_reason_id", "omni_reason_note", "accounting_date")
COUNT_FIELDS = ("inventory_quantity", "inventory_quantity_auto_apply")
# which stock a quant is: set when a quant is created, then never changed by hand
IDENTITY_FIELDS = {"product_id", "location_id", "lot_id", "package_id", "owner_id"}
# ... nor are its company, how much of it is promised and who counted it:
# written by Odoo's own stock code (and this module) only
PROTECTED_FIELDS = IDENTITY_FIELDS | {"company_id", "reserved_quantity", "omni_counter_ids"}


class StockQuant(models.Model):
    _name = "stock.quant"
    _inherit = ["stock.quant", "omni.stock.adjustment.reason.mixin"]

    omni_source = fields.Selection([("import", "Import")], "Adjustment Source", readonly=True)
    omni_counter_ids = fields.Many2many(
        "res.users",
        "omni_stock_quant_counter_rel",
        "quant_id",
        "user_id",
        "Counted By",
        readonly=True,
        copy=False,
        help="Who entered the counted quantity since it was last applied or cleared; they "
        "cannot approve the adjustment.",
    )
    # Same definition as stock_account's, so both modules can coexist.
    accounting_date = fields.Date(
        help="Date at which the accounting entries will be created"
        " in case of automated inventory valuation."
        " If empty, the inventory date will be used.",
    )

    @api.model
    def _get_inventory_fields_write(self):
        return super()._get_inventory_fields_write() + list(OMNI_QUANT_FIELDS)

    # ------------------------------------------------------------------
    # ORM entry points
    # ------------------------------------------------------------------
    def _omni_refuse_protected(self):
        raise UserError(
            self.env._(
                "A quant's product, location, lot, package, owner, company, reservation and "
                "counters cannot be changed by hand: move stock with a transfer, count it with "
                "an inventory adjustment."
            )
        )

    def _omni_check_reason_vals(self, vals_list, companies, required=()):
        """Refuse an invalid reason before anything is written, once per reason
        and company. ``companies`` lists each vals' companies; the vals of
        ``required`` (indexes) need a reason and its note now."""
        Reason = self.env["omni.stock.adjustment.reason"]
        resolved = {}
        for index, (vals, vals_companies) in enumerate(zip(vals_list, companies, strict=True)):
            if not (vals.get("omni_reason_id") or index in required):
                continue
            for company in vals_companies or self.env.company:
                key = (vals.get("omni_reason_id"), company)
                if key not in resolved:
                    resolved[key] = Reason._omni_resolve(key[0], company)
                if index in required:
                    resolved[key]._omni_check_note(vals.get("omni_reason_note"))

    @api.model_create_multi
    def create(self, vals_list):
        if is_internal(self.env):
            return super().create(vals_list)
        if any(vals.get(name) for vals in vals_list for name in PROTECTED_FIELDS - IDENTITY_FIELDS):
            self._omni_refuse_protected()
        is_import = self.env.context.get("import_file")
        locations = self.env["stock.location"].browse(
            {vals["location_id"] for vals in vals_list if vals.get("location_id")}
        )
        company_of = {location.id: location.company_id for location in locations}
        self._omni_check_reason_vals(
            vals_list,
            [company_of.get(vals.get("location_id")) for vals in vals_list],
            required={
                index
                for index, vals in enumerate(vals_list)
                if is_import and any(name in vals for name in COUNT_FIELDS)
            },
        )
        if any("quantity" in vals for vals in vals_list):
            return self._omni_create_counted(vals_list)
        if not self._is_inventory_mode() or not (
            is_import or any(f in vals for vals in vals_list for f in OMNI_QUANT_FIELDS)
        ):
            return super().create(vals_list)
        return self._omni_create_with_reason(vals_list)

    def _omni_create_counted(self, vals_list):
        """A quantity written directly (e.g. through RPC) is an adjustment: a
        counted quantity applied at once through the policy."""
        counted = [
            {
                ("inventory_quantity" if name == "quantity" else name): value
                for name, value in vals.items()
            }
            for vals in vals_list
        ]
        quants = self.with_context(inventory_mode=True).create(counted)
        with adjustment_source("api"):
            quants.filtered("inventory_quantity_set")._apply_inventory()
        return quants

    def _omni_create_with_reason(self, vals_list):
        """Inventory mode with adjustment data: stock's create() gives an existing
        quant only the counted quantity, so carry reason / note / date over
        explicitly (and in the context for the auto-apply case); one create per
        run of lines with the same adjustment data."""
        is_import = self.env.context.get("import_file")

        def adjustment(vals):
            omni = tuple((name, vals[name]) for name in OMNI_QUANT_FIELDS if name in vals)
            later = any(name in vals for name in COUNT_FIELDS)
            return omni, later and "inventory_quantity_auto_apply" not in vals

        runs = []  # consecutive lines with the same data: the result keeps their order
        for vals in vals_list:
            key = adjustment(vals)
            if runs and runs[-1][0] == key:
                runs[-1][1].append(vals)
            else:
                runs.append((key, [vals]))
        result = self.browse()
        for (omni, counted_later), group in runs:
            omni_vals = dict(omni)
            ctx = {}
            if omni_vals.get("omni_reason_id"):
                ctx["omni_adjustment_reason_id"] = omni_vals["omni_reason_id"]
                ctx["omni_adjustment_note"] = omni_vals.get("omni_reason_note")
            if is_import:
                # Stock creates a duplicate quant per imported line and merges them
                # later, losing the reason: count the existing quant instead.
                ctx["import_file"] = False
                omni_vals["omni_source"] = "import"
            with adjustment_source("import" if is_import else adjustment_source.get()):
                # pylint: disable=super-method-mismatch
                quants = super(StockQuant, self.with_context(**ctx)).create(group)
            # earned: the quants the caller just counted; create() checked these values first
            # (_omni_check_reason_vals)
            if counted_later and omni_vals:
                quants.sudo().write(omni_vals)
            result |= quants
        return result

    def write(self, vals):
        if is_internal(self.env):
            return super().write(vals)
        if PROTECTED_FIELDS & set(vals):
            self._omni_refuse_protected()
        self._omni_check_reason_vals([vals], [self.company_id])
        vals = dict(vals)
        # A quantity written directly (RPC) is a count applied at once.
        direct = "quantity" in vals
        if direct:
            vals["inventory_quantity"] = vals.pop("quantity")
        if any(name in vals for name in COUNT_FIELDS):
            vals["omni_counter_ids"] = [Command.link(self.env.uid)]
        res = super().write(vals)
        if direct:
            with adjustment_source("api"):
                self._apply_inventory()
        return res

    def action_clear_inventory_quantity(self):
        res = super().action_clear_inventory_quantity()
        self._omni_clear_count()
        return res

    def _omni_clear_count(self):
        # earned: the caller cleared or applied the count with its own rights (Odoo's action,
        # the policy's _omni_apply_counts); only the count's own fields are reset
        with internal_stock_operation():
            self.sudo().write(
                {
                    "omni_reason_id": False,
                    "omni_reason_note": False,
                    "omni_source": False,
                    "accounting_date": False,
                    "omni_counter_ids": [Command.clear()],
                }
            )

    def action_apply_inventory(self):
        Request = self.env["omni.stock.adjustment.request"]
        last_id = Request.search([], order="id desc", limit=1).id
        with adjustment_source("count"):
            action = super().action_apply_inventory()
        if action:  # Odoo asks first (conflict, lot, name): nothing applied yet
            return action
        requests = Request.search([("id", ">", last_id), ("requester_id", "=", self.env.uid),
                                   ("state", "=", "to_approve")])
        return requests._omni_sent_notification() if requests else action

    @api.model
    def _update_available_quantity(self, *args, **kwargs):
        # Odoo's own move of quantities and reservations (moves, reservation,
        # quant maintenance): the one place allowed to write them.
        with internal_stock_operation():
            return super()._update_available_quantity(*args, **kwargs)

    # ------------------------------------------------------------------
    # the policy
    # ------------------------------------------------------------------
    def _apply_inventory(self):
        """Every counted quantity is applied here, whatever the path (count,
        Update Quantity wizard, import, API, quant deletion): through
        :meth:`_omni_apply_counts`."""
        ctx = self.env.context
        entries = [
            {
                "quant": quant,
                "quantity": quant.inventory_quantity,
                "reason": quant.omni_reason_id or ctx.get("omni_adjustment_reason_id"),
                "note": quant.omni_reason_note or ctx.get("omni_adjustment_note"),
                "counters": quant.omni_counter_ids,
                # the server says how it came (never a context key: see tools/trust.py)
                "source": quant.omni_source or adjustment_source.get() or "api",
                "accounting_date": quant.accounting_date,
            }
            for quant in self
        ]
        result = self._omni_apply_counts(entries)
        # leave a quant sent for approval as Odoo leaves it after an apply: no pending count
        result["requested_quants"].action_clear_inventory_quantity()

    @api.model
    def _omni_apply_counts(self, counts):
        """Apply counted quantities through the adjustment policy, in batch.

        The entry point for every count (``_apply_inventory`` and addons such as
        cycle counts). ``counts`` is a list of dicts:

        - ``quant``: the stock.quant counted;
        - ``quantity``: the counted quantity, in the product's unit of measure;
        - ``reason``: an ``omni.stock.adjustment.reason`` (record or id);
        - ``note``: the note (required by some reasons);
        - ``counters``: the res.users who counted (one or several; default: the
          current user). Neither they nor the current user (who applies) may
          approve the change;
        - ``source``: a key of the log's SOURCES (e.g. ``"count"``);
        - ``accounting_date``: optional date of the adjustment.

        Reasons, notes and the lock date are checked first (any error changes
        nothing); then each change is applied and logged, or sent for approval
        when it exceeds its thresholds (running totals included). A count equal
        to the stock is confirmed without a log entry. Returns a dict with the
        ``applied`` log entries, the ``requested`` requests and the
        ``requested_quants``.
        """
        Policy = self.env["omni.stock.adjustment.policy"]
        changed, unchanged = [], []
        costs = Policy._omni_costs(
            (count["quant"].product_id, Policy._omni_company(count["quant"])) for count in counts
        )
        for count in counts:
            quant = count["quant"]
            rounding = quant.product_uom_id.rounding
            delta = count["quantity"] - quant.quantity
            if float_is_zero(delta, precision_rounding=rounding):
                unchanged.append(quant.id)
                continue
            if (
                quant.location_id.usage in ("internal", "transit")
                and float_compare(count["quantity"], 0, precision_rounding=rounding) < 0
            ):
                raise UserError(
                    self.env._(
                        "Counted quantity of %(product)s in %(location)s cannot be negative.",
                        product=quant.product_id.display_name,
                        location=quant.location_id.display_name,
                    )
                )
            changed.append(
                Policy._prepare_entry(
                    quant,
                    quant.quantity,
                    delta,
                    count.get("reason"),
                    count.get("note"),
                    count.get("source") or "api",
                    counters=count.get("counters"),
                    accounting_date=count.get("accounting_date"),
                    cost=costs[quant.product_id.id, Policy._omni_company(quant).id],
                    quant=quant,
                    counted=count["quantity"],
                )
            )
        to_apply, to_request = Policy._split_entries(Policy._check_entries(changed))
        requests = self.env["omni.stock.adjustment.request"]._omni_create_requests(to_request)
        self.browse(unchanged)._omni_confirm_counts()
        return {
            "applied": self._omni_apply_entries(to_apply),
            "requested": requests,
            "requested_quants": self.browse([entry["quant"].id for entry in to_request]),
        }

    def _omni_confirm_counts(self):
        """Confirm counts equal to the stock (Odoo's zero inventory moves), no log."""
        if not self:
            return
        with trusted_adjustment():
            for quant in self:
                quant.write({"inventory_quantity": quant.quantity, "inventory_diff_quantity": 0})
            # Odoo's apply ends clearing the count (action_clear_inventory_quantity)
            super()._apply_inventory()  # pylint: disable=super-method-mismatch

    @api.model
    def _omni_apply_entries(self, entries):
        """Apply checked count entries (see ``omni.stock.adjustment.policy``, with
        ``quant`` and ``counted``) through Odoo's inventory moves, one batch per
        reason and accounting date, and log them. Private: not reachable
        through RPC."""
        Log = self.env["omni.stock.adjustment.log"]
        groups = defaultdict(list)
        for entry in entries:
            groups[entry["reason"], entry["accounting_date"]].append(entry)
        log_vals = []
        for (reason, accounting_date), group in groups.items():
            quants = self.browse([entry["quant"].id for entry in group])
            ctx = dict(self.env.context)
            if reason and not ctx.get("inventory_name"):
                ctx["inventory_name"] = reason.name
            if accounting_date:
                ctx["force_period_date"] = accounting_date
            log_vals += [Log._prepare_log_vals("applied", entry) for entry in group]
            # the stored difference is never trusted: it is the count minus the stock,
            # the one figure Odoo's apply reads (then it clears the count); quants with
            # the same difference (+1, -2, ...) are written at once
            by_diff = defaultdict(list)
            for entry in group:
                by_diff[entry["counted"] - entry["quant"].quantity].append(entry["quant"].id)
            with trusted_adjustment():
                for diff, ids in by_diff.items():
                    self.browse(ids).write({"inventory_diff_quantity": diff})
                # pylint: disable=super-method-mismatch
                super(StockQuant, quants.with_context(**ctx))._apply_inventory()
        # Odoo's apply cleared the counts (action_clear_inventory_quantity)
        return Log._omni_log(log_vals)

    @api.model
    def _omni_onhand(self, product, location, lot=None, package=None, owner=None):
        location.check_access("read")  # only the stock of a location the caller may read
        quants = self.sudo()._gather(
            product, location, lot_id=lot, package_id=package, owner_id=owner, strict=True
        )
        return sum(quants.mapped("quantity"))
