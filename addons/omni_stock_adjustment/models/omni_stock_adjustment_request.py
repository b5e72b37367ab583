# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.addons.omni_stock.tools.guard import status_doors, without_defaults
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare, float_is_zero

from ..tools import FINANCE_GROUP
from .omni_stock_adjustment_log import SOURCES

APPROVER_GROUP = "omni_stock_adjustment.group_adjustment_approver"


class OmniStockAdjustmentRequest(models.Model):
    """A stock adjustment above the approval thresholds, waiting for an approver.

    Records are created and changed by the server only (sudo after checks);
    users hold read access and act through :meth:`action_approve` /
    :meth:`action_reject`, which check the approver group and that the
    approver neither applied (requester) nor entered (counters) the change.
    """

    _name = "omni.stock.adjustment.request"
    _description = "Stock Adjustment Request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _mail_post_access = "read"

    name = fields.Char(required=True, readonly=True, default=lambda self: self.env._("New"))
    state = fields.Selection(
        [("to_approve", "To Approve"), ("approved", "Approved"), ("rejected", "Rejected"),
         ("withdrawn", "Withdrawn")],
        default="to_approve",
        required=True,
        readonly=True,
        tracking=True,
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    product_id = fields.Many2one("product.product", required=True, readonly=True)
    product_uom_id = fields.Many2one(related="product_id.uom_id")
    location_id = fields.Many2one("stock.location", required=True, readonly=True)
    warehouse_id = fields.Many2one(related="location_id.warehouse_id")
    lot_id = fields.Many2one("stock.lot", "Lot/Serial", readonly=True)
    package_id = fields.Many2one("stock.quant.package", readonly=True)
    owner_id = fields.Many2one("res.partner", readonly=True)
    scrap_id = fields.Many2one("stock.scrap", readonly=True)
    location_dest_id = fields.Many2one(
        "stock.location", "Release To", readonly=True,
        help="A status release: approving it moves the quantity from the location to "
        "this one (e.g. damaged to sellable), which no ordinary transfer may do.")
    picking_id = fields.Many2one(
        "stock.picking", "Release Transfer", readonly=True,
        help="The transfer that carried out the approved release.")
    quantity_before = fields.Float(
        digits="Product Unit of Measure", readonly=True, help="On hand when requested."
    )
    quantity_requested = fields.Float(
        "Requested Quantity", digits="Product Unit of Measure", readonly=True
    )
    quantity_delta = fields.Float("Change", digits="Product Unit of Measure", readonly=True)
    value = fields.Float(readonly=True, groups=FINANCE_GROUP,
                         help="Absolute change x product cost when requested.")
    accounting_date = fields.Date(readonly=True)
    reason_id = fields.Many2one("omni.stock.adjustment.reason", required=True, readonly=True)
    note = fields.Text(readonly=True)
    source = fields.Selection(SOURCES, readonly=True)
    requester_id = fields.Many2one("res.users", required=True, readonly=True)
    counter_ids = fields.Many2many(
        "res.users",
        "omni_stock_adjustment_request_counter_rel",
        "request_id",
        "user_id",
        "Counted By",
        readonly=True,
        help="Who entered the counted or scrapped quantity; they cannot approve it.",
    )
    approver_id = fields.Many2one("res.users", readonly=True, tracking=True)
    decided_at = fields.Datetime(readonly=True)
    decision_comment = fields.Text(readonly=True)
    quantity_current = fields.Float(
        "Current Quantity", compute="_compute_quantity_current", digits="Product Unit of Measure"
    )
    quantity_drift = fields.Float(
        "Moved Since Request", compute="_compute_quantity_current", digits="Product Unit of Measure"
    )
    needs_reconfirmation = fields.Boolean(
        readonly=True,
        help="Stock moved since the request; approve again to apply the requested change "
        "against the current quantity.",
    )
    quantity_checked = fields.Float(digits="Product Unit of Measure", readonly=True)
    is_requester = fields.Boolean(compute="_compute_is_requester",
                                  help="The current user sent this request.")
    log_ids = fields.One2many("omni.stock.adjustment.log", "request_id", readonly=True)

    @api.depends("product_id", "location_id", "lot_id", "package_id", "owner_id", "quantity_before")
    def _compute_quantity_current(self):
        for request in self:
            current = request._omni_current_quantity()
            request.quantity_current = current
            request.quantity_drift = current - request.quantity_before

    @api.depends_context("uid")
    def _compute_is_requester(self):
        for request in self:
            request.is_requester = request.requester_id == self.env.user

    def _omni_quants(self):
        self.ensure_one()
        # earned: the stock of the request itself, which the caller reads (company rule)
        return (
            self.env["stock.quant"]
            .sudo()
            ._gather(
                self.product_id,
                self.location_id,
                lot_id=self.lot_id,
                package_id=self.package_id,
                owner_id=self.owner_id,
                strict=True,
            )
        )

    def _omni_current_quantity(self):
        return sum(self._omni_quants().mapped("quantity"))

    # ------------------------------------------------------------------
    # creation (server side only)
    # ------------------------------------------------------------------
    @api.model
    def _prepare_request_vals(self, entry):
        """Request values of an adjustment ``entry`` (see ``omni.stock.adjustment.policy``)."""
        before = entry["quantity_before"]
        return {
            **self.env["omni.stock.adjustment.log"]._omni_target_vals(entry["target"]),
            "quantity_before": before,
            "quantity_requested": before + entry["delta"],
            "quantity_delta": entry["delta"],
            "value": entry["value"],
            "accounting_date": entry["accounting_date"],
            "reason_id": entry["reason"].id,
            "note": entry["note"] or False,
            "source": entry["source"],
            "counter_ids": [Command.set(entry["counters"].ids)],
            "scrap_id": entry["scrap"].id if entry.get("scrap") else False,
            "location_dest_id": (
                entry["location_dest"].id if entry.get("location_dest") else False
            ),
        }

    @api.model
    def _omni_create_requests(self, entries):
        """Create the requests of checked entries (sudo), log and notify approvers."""
        # earned: every caller passes entries the policy checked (Policy._check_entries)
        vals_list = []
        for entry in entries:
            vals = self._prepare_request_vals(entry)
            vals["name"] = self.env["ir.sequence"].sudo().next_by_code(self._name) or self.env._(
                "New"
            )
            vals["requester_id"] = self.env.uid
            vals_list.append(vals)
        # sudo after the policy's checks; born "to approve" whatever the caller's context
        requests = without_defaults(self.sudo()).with_context(
            mail_create_nolog=True).create(vals_list)
        requests._omni_log("requested")
        requests._omni_notify_approvers()
        return requests.sudo(False)

    def _omni_deciders_excluded(self):
        """Who may not decide this request: who applied it and who entered it."""
        self.ensure_one()
        return self.requester_id | self.counter_ids

    def _omni_notify_approvers(self):
        group = self.env.ref(APPROVER_GROUP)
        # earned: requests just made by _omni_create_requests (checked entries): who to tell
        for request in self.sudo():
            excluded = request._omni_deciders_excluded()
            approvers = group.users.filtered(
                lambda u, r=request, excluded=excluded: (
                    not u.share and r.company_id in u.company_ids and u not in excluded
                )
            )
            for approver in approvers:
                request.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=approver.id,
                    summary=self.env._("Approve stock adjustment %s", request.name),
                )

    def _omni_entry(self, target=None, quantity_before=None, **extra):
        """This request as an adjustment entry (see ``omni.stock.adjustment.policy``),
        by default about the request's own stock as it was when requested."""
        self.ensure_one()
        return self.env["omni.stock.adjustment.policy"]._prepare_entry(
            target or self,
            self.quantity_before if quantity_before is None else quantity_before,
            self.quantity_delta,
            self.reason_id,
            self.note,
            self.source,
            counters=self.counter_ids,
            accounting_date=self.accounting_date,
            request=self,
            scrap=self.scrap_id,
            location_dest=self.location_dest_id,
            **extra,
        )

    def _omni_log(self, event):
        Log = self.env["omni.stock.adjustment.log"]
        return Log._omni_log(
            [
                Log._prepare_log_vals(event, request._omni_entry(value=request.value))
                for request in self
            ]
        )

    # ------------------------------------------------------------------
    # decisions
    # ------------------------------------------------------------------
    def _omni_check_decider(self):
        if not self.env.user.has_group(APPROVER_GROUP):
            raise AccessError(
                self.env._("Only stock adjustment approvers can approve or reject requests.")
            )
        self.check_access("read")
        for request in self:
            if self.env.user in request.sudo()._omni_deciders_excluded():
                raise UserError(
                    self.env._(
                        "You cannot approve or reject your own adjustment request %s: you "
                        "applied or counted it.",
                        request.name,
                    )
                )
            if request.state != "to_approve":
                raise UserError(self.env._("Request %s has already been decided.", request.name))

    def action_approve(self, comment=None):
        """Approve and apply the requested change against the current stock.

        If the stock moved since the request, nothing is applied the first
        time: the request is flagged for re-confirmation and approving again
        (with the stock unchanged since) applies the requested change.
        Returns True when applied.
        """
        self._omni_check_decider()
        applied = True
        for request in self:
            request.company_id._omni_check_lock_date(
                request.accounting_date or fields.Date.context_today(self),
                self.env._("Approval of %s", request.name),
            )
            sudo_request = request.sudo()
            current = request._omni_current_quantity()
            rounding = request.product_id.uom_id.rounding
            moved = float_compare(current, request.quantity_before, precision_rounding=rounding)
            confirmed = request.needs_reconfirmation and not float_compare(
                current, request.quantity_checked, precision_rounding=rounding
            )
            if moved and not confirmed:
                sudo_request.write({"needs_reconfirmation": True, "quantity_checked": current})
                sudo_request.message_post(
                    body=self.env._(
                        "Stock moved since the request (%(before)s then, %(now)s now). Approve "
                        "again to apply the requested change of %(delta)s.",
                        before=request.quantity_before,
                        now=current,
                        delta=request.quantity_delta,
                    )
                )
                applied = False
                continue
            sudo_request._omni_check_applicable(current)
            sudo_request.write(
                {
                    "state": "approved",
                    "approver_id": self.env.uid,
                    "decided_at": fields.Datetime.now(),
                    "decision_comment": comment,
                }
            )
            sudo_request._omni_apply()
            sudo_request._omni_close_activities(comment)
        return applied

    def action_reject(self, comment=None):
        self._omni_check_decider()
        if not (comment or "").strip():
            raise UserError(self.env._("Give a comment when rejecting an adjustment request."))
        for request in self.sudo():
            request.write(
                {
                    "state": "rejected",
                    "approver_id": self.env.uid,
                    "decided_at": fields.Datetime.now(),
                    "decision_comment": comment,
                }
            )
            request._omni_log("rejected")
            request._omni_close_activities(comment)
        return True

    def action_withdraw(self):
        """The requester takes back a request nobody decided yet: nothing is applied."""
        self.check_access("read")
        for request in self:
            if request.requester_id != self.env.user:
                raise UserError(self.env._(
                    "Only %(user)s, who sent request %(name)s, can withdraw it.",
                    user=request.requester_id.name, name=request.name))
            if request.state != "to_approve":
                raise UserError(self.env._("Request %s has already been decided.", request.name))
        # earned: the requester of each request, checked above
        for request in self.sudo():
            request.write({"state": "withdrawn", "decided_at": fields.Datetime.now()})
            request._omni_log("withdrawn")
            request._omni_close_activities(self.env._("Withdrawn by the requester."))
        return True

    def _omni_sent_notification(self):
        """Tell the user who applied a change that it waits for an approver."""
        lines = ", ".join(
            self.env._("%(name)s (%(product)s at %(location)s: %(delta)s)",
                       name=request.name, product=request.product_id.display_name,
                       location=request.location_id.display_name,
                       delta=f"{request.quantity_delta:+g}")
            for request in self)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Sent for approval: stock unchanged until approved"),
                "message": lines,
                "type": "warning",
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _omni_close_activities(self, comment):
        # earned: _omni_check_decider() in action_approve and action_reject, the requester
        # check in action_withdraw: the callers
        self.activity_ids.sudo().action_feedback(feedback=comment or "")

    def _omni_check_applicable(self, current):
        """Refuse an approval that would not apply exactly what was requested: a
        scrap changed since, or a change leaving negative stock."""
        self.ensure_one()
        if self.scrap_id:
            self.scrap_id._omni_check_requested(self)
        elif (
            float_compare(
                current + self.quantity_delta, 0, precision_rounding=self.product_id.uom_id.rounding
            )
            < 0
        ):
            raise UserError(
                self.env._(
                    "Applying %(delta)s to the current %(current)s would leave a negative "
                    "quantity; reject the request instead.",
                    delta=self.quantity_delta,
                    current=current,
                )
            )

    def _omni_apply(self):
        """Carry out an approved request: its scrap, its status release or its
        quant change. Private: not reachable through RPC."""
        self.ensure_one()
        # earned: _omni_check_decider() in action_approve, the only caller
        if self.scrap_id:
            self.scrap_id.sudo()._omni_apply_scrap(request=self)
        elif self.location_dest_id:
            self._omni_apply_release()
        else:
            self._omni_apply_quant_request()

    def _omni_apply_quant_request(self):
        """Apply exactly the requested change to the current stock."""
        self.ensure_one()
        if float_is_zero(self.quantity_delta, precision_rounding=self.product_id.uom_id.rounding):
            return
        # earned: _omni_check_decider() in action_approve (through _omni_apply)
        Quant = self.env["stock.quant"].sudo()
        quant = self._omni_quants()[:1] or Quant.create(
            {
                key: value
                for key, value in self.env["omni.stock.adjustment.log"]
                ._omni_target_vals(self)
                .items()
                if key != "company_id"
            }
        )
        Quant._omni_apply_entries(
            [
                self._omni_entry(
                    target=quant,
                    quantity_before=quant.quantity,
                    quant=quant,
                    counted=quant.quantity + self.quantity_delta,
                )
            ]
        )

    # ------------------------------------------------------------------
    # status releases
    # ------------------------------------------------------------------
    @api.model
    def _omni_request_releases(self, releases):
        """Approval requests for status releases (``omni.stock.release`` records:
        product, lot, package, owner, from and to locations, quantity, reason and
        note). Each is checked (quantity, locations the user may read, the status
        transition whose door is a release, stock on hand, reason, note, lock date)
        before anything is written, then always waits for an approver who did not
        request it: no release is applied at once, whatever the thresholds."""
        Policy = self.env["omni.stock.adjustment.policy"]
        entries = []
        for release in releases:
            release._omni_check_release()
            entries.append(Policy._prepare_entry(
                release,
                release._omni_onhand(),
                -release.product_uom_id._compute_quantity(
                    release.quantity, release.product_id.uom_id),
                release.omni_reason_id,
                release.omni_reason_note,
                "release",
                location_dest=release.location_dest_id,
            ))
        return self._omni_create_requests(Policy._check_entries(entries))

    def _prepare_release_picking_vals(self):
        self.ensure_one()
        warehouse = self.location_id.warehouse_id or self.location_dest_id.warehouse_id
        return {
            "picking_type_id": warehouse.int_type_id.id,
            "location_id": self.location_id.id,
            "location_dest_id": self.location_dest_id.id,
            "origin": self.name,
            "company_id": self.company_id.id,
            "owner_id": self.owner_id.id,
        }

    def _prepare_release_move_vals(self, picking):
        self.ensure_one()
        return {
            "name": self.name,
            "origin": self.name,
            "product_id": self.product_id.id,
            "product_uom": self.product_id.uom_id.id,
            "product_uom_qty": -self.quantity_delta,
            "location_id": self.location_id.id,
            "location_dest_id": self.location_dest_id.id,
            "company_id": self.company_id.id,
            "picking_id": picking.id,
            "picking_type_id": picking.picking_type_id.id,
            "restrict_partner_id": self.owner_id.id,
        }

    def _omni_apply_release(self):
        """Move exactly the released quantity (lot, package, owner) through the
        status door of an approved release, with a transfer of the warehouse, and
        log it. Called as superuser after the approver's checks."""
        self.ensure_one()
        # earned: _omni_check_decider() in action_approve (through _omni_apply)
        Picking = self.env["stock.picking"].sudo()
        picking = (Picking.create(self._prepare_release_picking_vals())
                   if (self.location_id.warehouse_id or self.location_dest_id.warehouse_id)
                   else Picking)
        move = self.env["stock.move"].sudo().create(self._prepare_release_move_vals(picking))
        move._action_confirm()
        move.move_line_ids.unlink()
        self.env["stock.move.line"].sudo().create({
            "move_id": move.id,
            "picking_id": picking.id,
            "product_id": self.product_id.id,
            "product_uom_id": self.product_id.uom_id.id,
            "quantity": -self.quantity_delta,
            "lot_id": self.lot_id.id,
            "package_id": self.package_id.id,
            "result_package_id": self.package_id.id,
            "owner_id": self.owner_id.id,
            "location_id": self.location_id.id,
            "location_dest_id": self.location_dest_id.id,
            "company_id": self.company_id.id,
        })
        move.picked = True
        with status_doors.open("release"):
            if picking:
                picking._action_done()
            else:
                move._action_done()
        self.picking_id = picking
        self._omni_log("released")

    # ------------------------------------------------------------------
    # UI helpers
    # ------------------------------------------------------------------
    def _omni_decision_action(self, decision):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Approve") if decision == "approve" else self.env._("Reject"),
            "res_model": "omni.stock.adjustment.decision",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_id": self.id, "default_decision": decision},
        }

    def action_open_approve(self):
        return self._omni_decision_action("approve")

    def action_open_reject(self):
        return self._omni_decision_action("reject")
