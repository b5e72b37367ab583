# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class OmniStockEmergencyPurchase(models.Model):
    """One use of the break-glass: a purchase confirmed at once by a buyer, with
    the reason, the approval that must follow before the deadline and its outcome.
    The list of these is the review list."""

    _name = "omni.stock.emergency.purchase"
    _description = "Emergency Purchase"
    _inherit = ["mail.thread", "mail.activity.mixin", "omni.stock.approval.mixin"]
    _order = "id desc"
    _mail_post_access = "read"

    name = fields.Char(related="purchase_id.name", store=True)
    purchase_id = fields.Many2one("purchase.order", required=True, readonly=True,
                                  ondelete="cascade", index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    partner_id = fields.Many2one(related="purchase_id.partner_id", string="Vendor")
    amount_total = fields.Monetary(related="purchase_id.amount_total")
    currency_id = fields.Many2one(related="purchase_id.currency_id")
    reason = fields.Text(required=True, readonly=True)
    confirmed_at = fields.Datetime(readonly=True)
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue",
                                help="Still waiting for approval past its deadline.")

    @api.model
    def _omni_protected_fields(self):
        return super()._omni_protected_fields() | {
            "purchase_id", "company_id", "reason", "confirmed_at"}

    @api.depends("approval_state", "approval_deadline")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for record in self:
            record.is_overdue = (record.approval_state == "to_approve"
                                 and record.approval_deadline
                                 and record.approval_deadline < now)

    def _search_is_overdue(self, operator, value):
        domain = [("approval_state", "=", "to_approve"),
                  ("approval_deadline", "<", fields.Datetime.now())]
        positive = (operator == "=") == bool(value)
        return domain if positive else ["!", "&", *domain]

    def _prepare_audit_vals(self, event):
        """One audit line per product ordered, into the order's receiving location."""
        self.ensure_one()
        common = self._prepare_audit_common_vals(event)
        # earned: the emergency's own order (its buyer declared it; approvers decide it)
        order = self.purchase_id.sudo()
        location = order.picking_type_id.default_location_dest_id
        return [{
            **common,
            "source": "emergency",
            "emergency_purchase_id": self.id,
            "product_id": line.product_id.id,
            "location_id": location.id,
            "quantity_delta": line.product_qty,
            "value": line.price_subtotal,
            "note": self.reason,
        } for line in order.order_line if line.product_id.type == "consu"]

    def _omni_approval_summary(self):
        return self.env._("Review emergency purchase %s (confirmed, approval due)", self.name)

    def _omni_on_approved(self):
        # earned: _omni_check_decider() in action_approve, the caller: the order's chatter
        self.purchase_id.sudo().message_post(body=self.env._("Emergency purchase approved."))

    def _omni_on_rejected(self):
        # earned: _omni_check_decider() in action_reject, the caller: the order's chatter
        for record in self.sudo():
            record.purchase_id.message_post(body=self.env._(
                "Emergency purchase rejected after the fact: %s", record.decision_comment))
