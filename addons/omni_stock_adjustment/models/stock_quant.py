# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero

from ..tools import is_system, trusted_adjustment

OMNI_QUANT_FIELDS = ("omni_reason_id", "omni_reason_note", "accounting_date")


class StockQuant(models.Model):
    _inherit = "stock.quant"

    omni_reason_id = fields.Many2one(
        "omni.stock.adjustment.reason",
        "Adjustment Reason",
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
        help="Why the counted quantity differs; required to apply it.",
    )
    omni_reason_note = fields.Text("Adjustment Note")
    omni_source = fields.Selection([("import", "Import")], "Adjustment Source", readonly=True)
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
    def _omni_check_reason_vals(self, vals):
        """Refuse unknown / archived reasons before anything is written."""
        if vals.get("omni_reason_id"):
            company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
            reason = self.env["omni.stock.adjustment.reason"].browse(vals["omni_reason_id"])
            if not reason.sudo().exists() or not reason.sudo().active:
                self.env["omni.stock.adjustment.reason"]._omni_resolve(
                    vals["omni_reason_id"], "x", company
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._omni_check_reason_vals(vals)
        direct = [v for v in vals_list if "quantity" in v]
        if direct and not self.env.su:
            # A quantity written directly (e.g. through RPC) is an adjustment:
            # turn it into a counted quantity and apply it through the policy.
            result = self.browse()
            for vals in vals_list:
                vals = dict(vals)
                if "quantity" in vals:
                    vals["inventory_quantity"] = vals.pop("quantity")
                    quant = self.with_context(inventory_mode=True).create([vals])
                    quant.with_context(omni_adjustment_source="api")._apply_inventory()
                else:
                    quant = self.create([vals])
                result |= quant
            return result
        if (
            not self._is_inventory_mode()
            or not any(f in vals for vals in vals_list for f in OMNI_QUANT_FIELDS)
            and not self.env.context.get("import_file")
        ):
            return super().create(vals_list)
        # Inventory mode with adjustment data: an existing quant only receives the
        # counted quantity from stock's create(), so carry reason / note / date
        # over explicitly (and in the context for the auto-apply case).
        is_import = self.env.context.get("import_file")
        result = self.browse()
        Reason = self.env["omni.stock.adjustment.reason"]
        for vals in vals_list:
            counted = "inventory_quantity" in vals or "inventory_quantity_auto_apply" in vals
            omni_vals = {f: vals[f] for f in OMNI_QUANT_FIELDS if f in vals}
            if is_import and counted:
                location = self.env["stock.location"].browse(vals.get("location_id"))
                Reason._omni_resolve(
                    vals.get("omni_reason_id"),
                    vals.get("omni_reason_note"),
                    location.company_id or self.env.company,
                )
            ctx = {}
            if omni_vals.get("omni_reason_id"):
                ctx["omni_adjustment_reason_id"] = omni_vals["omni_reason_id"]
                ctx["omni_adjustment_note"] = omni_vals.get("omni_reason_note")
            if is_import:
                # Stock creates a duplicate quant per imported line and merges them
                # later, losing the reason: count the existing quant instead.
                ctx["omni_adjustment_source"] = "import"
                ctx["import_file"] = False
            quant = super(StockQuant, self.with_context(**ctx)).create([vals])
            if counted and "inventory_quantity_auto_apply" not in vals:
                extra = dict(omni_vals)
                if is_import:
                    extra["omni_source"] = "import"
                if extra:
                    quant.sudo().write(extra)
            result |= quant
        return result

    def write(self, vals):
        self._omni_check_reason_vals(vals)
        if "quantity" in vals and not self.env.su:
            # Direct quantity write (RPC): an adjustment like any other.
            vals = dict(vals)
            target = vals.pop("quantity")
            res = super().write(vals) if vals else True
            super().write({"inventory_quantity": target})
            self.with_context(omni_adjustment_source="api")._apply_inventory()
            return res
        return super().write(vals)

    def action_clear_inventory_quantity(self):
        res = super().action_clear_inventory_quantity()
        self.sudo().write(
            {
                "omni_reason_id": False,
                "omni_reason_note": False,
                "omni_source": False,
                "accounting_date": False,
            }
        )
        return res

    def action_apply_inventory(self):
        ctx = dict(self.env.context, omni_adjustment_source="count")
        return super(StockQuant, self.with_context(**ctx)).action_apply_inventory()

    # ------------------------------------------------------------------
    # the policy
    # ------------------------------------------------------------------
    def _apply_inventory(self):
        """Every counted quantity is applied here, whatever the path (count,
        Update Quantity wizard, import, API). Enforce reason, lock date and
        approval thresholds; apply small changes, turn large ones into requests.
        """
        ctx = self.env.context
        Reason = self.env["omni.stock.adjustment.reason"]
        entries = {}
        unchanged = self.browse()
        to_request = self.browse()
        request_vals = []
        for quant in self:
            rounding = quant.product_uom_id.rounding
            delta = quant.inventory_quantity - quant.quantity
            if float_compare(quant.inventory_diff_quantity, delta, precision_rounding=rounding):
                # never trust a stored difference that does not match the count
                quant.sudo().inventory_diff_quantity = delta
            if float_is_zero(delta, precision_rounding=rounding):
                unchanged |= quant
                continue
            if (
                quant.location_id.usage in ("internal", "transit")
                and float_compare(quant.inventory_quantity, 0, precision_rounding=rounding) < 0
            ):
                raise UserError(
                    self.env._(
                        "Counted quantity of %(product)s in %(location)s cannot be negative.",
                        product=quant.product_id.display_name,
                        location=quant.location_id.display_name,
                    )
                )
            company = quant.company_id or self.env.company
            reason = quant.omni_reason_id or ctx.get("omni_adjustment_reason_id")
            note = quant.omni_reason_note or ctx.get("omni_adjustment_note")
            source = quant.omni_source or ctx.get("omni_adjustment_source") or "api"
            if not reason and is_system(self.env):
                entries[quant.id] = {"reason": Reason, "note": note, "source": "system"}
                continue
            reason = Reason._omni_resolve(reason, note, company)
            company._omni_check_lock_date(
                quant.accounting_date or fields.Date.context_today(self),
                self.env._("Inventory adjustment"),
            )
            value = abs(delta) * quant.product_id.with_company(company).standard_price
            warehouse = quant.location_id.warehouse_id
            if reason._omni_needs_approval(delta, value, company, warehouse, rounding):
                to_request |= quant
                request_vals.append(
                    {
                        "company_id": company.id,
                        "product_id": quant.product_id.id,
                        "location_id": quant.location_id.id,
                        "lot_id": quant.lot_id.id,
                        "package_id": quant.package_id.id,
                        "owner_id": quant.owner_id.id,
                        "quantity_before": quant.quantity,
                        "quantity_requested": quant.inventory_quantity,
                        "quantity_delta": delta,
                        "value": value,
                        "accounting_date": quant.accounting_date,
                        "reason_id": reason.id,
                        "note": note,
                        "source": source,
                    }
                )
            else:
                entries[quant.id] = {"reason": reason, "note": note, "source": source}
        if request_vals:
            self.env["omni.stock.adjustment.request"]._omni_create_requests(request_vals)
            # leave the quant as Odoo leaves it after an apply: no pending count
            to_request.action_clear_inventory_quantity()
        if unchanged:
            with trusted_adjustment():
                super(StockQuant, unchanged)._apply_inventory()
        to_apply = self.filtered(lambda q: q.id in entries)
        if to_apply:
            to_apply._omni_apply(entries)
        return None

    def _omni_apply(self, entries):
        """Apply the counted quantities of ``self`` (already checked) and log them.

        ``entries`` maps quant id to {reason, note, source[, request]}.
        Private: not reachable through RPC.
        """
        before = {quant.id: quant.quantity for quant in self}
        for quant in self:
            (quant.company_id or self.env.company)._omni_check_lock_date(
                quant.accounting_date or fields.Date.context_today(self),
                self.env._("Inventory adjustment"),
            )
        groups = defaultdict(lambda: self.browse())
        for quant in self:
            entry = entries[quant.id]
            groups[entry["reason"], quant.accounting_date] |= quant
        log_vals = []
        now = fields.Datetime.now()
        for (reason, accounting_date), quants in groups.items():
            ctx = dict(self.env.context)
            if reason and not ctx.get("inventory_name"):
                ctx["inventory_name"] = reason.name
            if accounting_date:
                ctx["force_period_date"] = accounting_date
            snapshot = {
                quant.id: (quant.inventory_quantity - quant.quantity, quant.product_id)
                for quant in quants
            }
            with trusted_adjustment():
                # pylint: disable=super-method-mismatch
                super(StockQuant, quants.with_context(**ctx))._apply_inventory()
            for quant in quants:
                entry = entries[quant.id]
                request = entry.get("request")
                delta, product = snapshot[quant.id]
                company = quant.company_id or self.env.company
                log_vals.append(
                    {
                        "event": "applied",
                        "company_id": company.id,
                        "product_id": product.id,
                        "location_id": quant.location_id.id,
                        "lot_id": quant.lot_id.id,
                        "package_id": quant.package_id.id,
                        "owner_id": quant.owner_id.id,
                        "quantity_before": before[quant.id],
                        "quantity_after": before[quant.id] + delta,
                        "quantity_delta": delta,
                        "value": abs(delta) * product.with_company(company).standard_price,
                        "reason_id": reason.id,
                        "reason_category": reason.category,
                        "note": entry.get("note"),
                        "source": entry.get("source"),
                        "requester_id": request.requester_id.id if request else self.env.uid,
                        "approver_id": request.approver_id.id if request else False,
                        "requested_at": request.create_date if request else now,
                        "decided_at": request.decided_at if request else False,
                        "decision_comment": request.decision_comment if request else False,
                        "request_id": request.id if request else False,
                    }
                )
        return self.env["omni.stock.adjustment.log"]._omni_log(log_vals)

    @api.model
    def _omni_onhand(self, product, location, lot=None, package=None, owner=None):
        quants = self.sudo()._gather(
            product, location, lot_id=lot, package_id=package, owner_id=owner, strict=True
        )
        return sum(quants.mapped("quantity"))
