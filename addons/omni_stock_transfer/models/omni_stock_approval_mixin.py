# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.addons.omni_stock.tools.guard import ServerFlag, without_defaults
from odoo.exceptions import AccessError, UserError

APPROVER_GROUP = "omni_stock_adjustment.group_adjustment_approver"
APPROVAL_FIELDS = frozenset({
    "approval_state", "approval_reasons", "requester_id", "approver_id", "approved_at",
    "decision_comment", "approval_deadline",
})
# set by the server around its own writes of the gated fields (never a context key:
# any RPC client can send those)
approval_door = ServerFlag("omni_stock_transfer_approval_write")


class OmniStockApprovalMixin(models.AbstractModel):
    """The suite's approval engine for documents (transfer requests, emergency
    purchases), as ``omni_stock_adjustment`` does it for stock adjustments: the
    same approver group, one inbox (an activity per approver), separation of duties
    (the requester never decides) and a stored ``approval_state`` that only the
    server writes, so no caller (form, RPC, import, cron) can skip it.

    Models using it override :meth:`_omni_on_approved` / :meth:`_omni_on_rejected`
    and list their own server-only fields in :meth:`_omni_protected_fields`.
    """

    _name = "omni.stock.approval.mixin"
    _description = "Omnichannel Approval"

    approval_state = fields.Selection(
        [("draft", "Not Submitted"), ("to_approve", "To Approve"), ("approved", "Approved"),
         ("rejected", "Rejected")],
        default="draft", required=True, readonly=True, copy=False, index=True, tracking=True,
        help="Stored and written by the server only: what gates the document.")
    approval_reasons = fields.Text(
        "Why Approval Is Needed", readonly=True, copy=False,
        help="The rules that matched when the document was submitted (empty: none did, "
        "approved at once).")
    requester_id = fields.Many2one("res.users", readonly=True, copy=False)
    approver_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    approved_at = fields.Datetime("Decided On", readonly=True, copy=False)
    decision_comment = fields.Text(readonly=True, copy=False)
    approval_deadline = fields.Datetime(readonly=True, copy=False)
    can_decide = fields.Boolean(compute="_compute_can_decide",
                                help="The current user may approve or reject this.")

    @api.depends_context("uid")
    @api.depends("approval_state", "requester_id")
    def _compute_can_decide(self):
        is_approver = self.env.user.has_group(self._omni_approval_group())
        for record in self:
            record.can_decide = (
                is_approver and record.approval_state == "to_approve"
                and self.env.user not in record._omni_deciders_excluded())

    # ------------------------------------------------------------------ guard
    @api.model
    def _omni_protected_fields(self):
        """Fields only the server writes (through :meth:`_omni_server_write`)."""
        return APPROVAL_FIELDS

    def _omni_check_protected(self, fnames):
        if approval_door.is_set():
            return
        forbidden = self._omni_protected_fields() & set(fnames)
        if forbidden:
            raise AccessError(self.env._(
                "%(model)s: %(fields)s change only through their actions (submit, approve, "
                "reject, ship, receive).", model=self._description,
                fields=", ".join(sorted(forbidden))))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._omni_check_protected(vals)
        # defaults from the caller's context would set gated fields too: not taken
        records = self if approval_door.is_set() else without_defaults(self)
        return super(OmniStockApprovalMixin, records).create(vals_list)

    def write(self, vals):
        self._omni_check_protected(vals)
        return super().write(vals)

    def _omni_server_write(self, vals):
        """Write server-only fields after the caller's checks (the callers' rights were
        checked above them: submit, decide, picking done)."""
        # earned: every caller checked the user's right to the step it carries out
        with approval_door():
            return self.sudo().write(vals)

    # ------------------------------------------------------------------ engine
    @api.model
    def _omni_approval_group(self):
        return APPROVER_GROUP

    def _omni_deciders_excluded(self):
        """Who may not decide: the requester (separation of duties)."""
        self.ensure_one()
        return self.requester_id

    def _omni_approval_summary(self):
        self.ensure_one()
        return self.env._("Approve %s", self.display_name)

    def _omni_submit_for_approval(self, reasons, deadline=False):
        """Submit as the current user: to approve when ``reasons`` (the rules that
        matched) say so, else approved at once (no approver, logged)."""
        for record in self:
            vals = {"requester_id": self.env.uid, "approval_reasons": "\n".join(reasons),
                    "approval_deadline": deadline}
            if reasons:
                vals["approval_state"] = "to_approve"
            else:
                vals.update(approval_state="approved", approved_at=fields.Datetime.now())
            record._omni_server_write(vals)
            record._omni_audit("approval_requested" if reasons else "approval_approved")
            if reasons:
                record._omni_notify_approvers()
                record.message_post(body=self.env._(
                    "Submitted for approval: %s", "; ".join(reasons)))
            else:
                record.message_post(body=self.env._("No approval rule matched: approved."))
                record._omni_on_approved()

    def _omni_notify_approvers(self):
        group = self.env.ref(self._omni_approval_group())
        # earned: called by _omni_submit_for_approval on records the caller submitted
        for record in self.sudo():
            excluded = record._omni_deciders_excluded()
            for approver in group.users.filtered(
                    lambda u, r=record, ex=excluded: (
                        not u.share and r.company_id in u.company_ids and u not in ex)):
                record.activity_schedule(
                    "mail.mail_activity_data_todo", user_id=approver.id,
                    summary=record._omni_approval_summary(),
                    date_deadline=(record.approval_deadline or fields.Datetime.now()).date())

    def _omni_check_decider(self):
        if not self.env.user.has_group(self._omni_approval_group()):
            raise AccessError(self.env._("Only approvers can approve or reject %s.",
                                         self._description))
        self.check_access("read")
        for record in self:
            if self.env.user in record.sudo()._omni_deciders_excluded():
                raise UserError(self.env._(
                    "You cannot approve or reject %s: you requested it.", record.display_name))
            if record.approval_state != "to_approve":
                raise UserError(self.env._("%s is not waiting for approval.",
                                           record.display_name))

    def action_approve(self, comment=None):
        self._omni_check_decider()
        for record in self:
            record._omni_server_write({
                "approval_state": "approved", "approver_id": self.env.uid,
                "approved_at": fields.Datetime.now(), "decision_comment": comment or False})
            record._omni_audit("approval_approved")
            record._omni_close_activities(comment)
            record.message_post(body=self.env._("Approved. %s", comment or ""))
            record._omni_on_approved()
        return True

    def action_reject(self, comment=None):
        self._omni_check_decider()
        if not (comment or "").strip():
            raise UserError(self.env._("Give a comment when rejecting."))
        for record in self:
            record._omni_server_write({
                "approval_state": "rejected", "approver_id": self.env.uid,
                "approved_at": fields.Datetime.now(), "decision_comment": comment})
            record._omni_audit("approval_rejected")
            record._omni_close_activities(comment)
            record.message_post(body=self.env._("Rejected: %s", comment))
            record._omni_on_rejected()
        return True

    def _omni_close_activities(self, comment):
        # earned: _omni_check_decider() in action_approve and action_reject, the callers
        self.activity_ids.sudo().action_feedback(feedback=comment or "")

    def _omni_check_approved(self):
        for record in self:
            if record.approval_state != "approved":
                raise UserError(self.env._(
                    "%s is not approved: it cannot go ahead.", record.display_name))

    def _omni_on_approved(self):
        """Hook: what approval sets going (called after the state is written)."""

    def _prepare_audit_vals(self, event):
        """Audit log values (``omni.stock.adjustment.log``), one dict per product, of
        ``event`` (``approval_requested``, ``approval_approved``, ``approval_rejected``)."""
        return []

    def _omni_audit(self, event):
        vals_list = [vals for record in self for vals in record._prepare_audit_vals(event)]
        if vals_list:
            self.env["omni.stock.adjustment.log"]._omni_log(vals_list)

    def _prepare_audit_common_vals(self, event):
        """What every audit line of a decision says: who asked, who decided, when."""
        self.ensure_one()
        return {
            "event": event,
            "company_id": self.company_id.id,
            "requester_id": self.requester_id.id,
            "approver_id": self.approver_id.id,
            "requested_at": fields.Datetime.now() if event == "approval_requested"
            else False,
            "decided_at": self.approved_at if event != "approval_requested" else False,
            "decision_comment": self.decision_comment or False,
        }

    def _omni_on_rejected(self):
        """Hook: what rejection stops."""

    def _omni_decision_action(self, decision):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Approve") if decision == "approve" else self.env._("Reject"),
            "res_model": "omni.stock.approval.decision",
            "view_mode": "form",
            "target": "new",
            "context": {"default_res_model": self._name, "default_res_id": self.id,
                        "default_decision": decision},
        }

    def action_open_approve(self):
        return self._omni_decision_action("approve")

    def action_open_reject(self):
        return self._omni_decision_action("reject")
