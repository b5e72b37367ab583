# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .omni_stock_approval_mixin import approval_door

BREAK_GLASS_FIELDS = {"omni_break_glass", "omni_break_glass_reason", "omni_emergency_id"}


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    omni_break_glass = fields.Boolean(
        "Emergency (Break-Glass)", readonly=True, copy=False, index=True,
        help="Confirmed at once by a buyer, its approval following within the deadline.")
    omni_break_glass_reason = fields.Text("Emergency Reason", readonly=True, copy=False)
    omni_emergency_id = fields.Many2one("omni.stock.emergency.purchase", readonly=True,
                                        copy=False)
    omni_emergency_state = fields.Selection(related="omni_emergency_id.approval_state",
                                            string="Emergency Approval")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._omni_check_break_glass_fields(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._omni_check_break_glass_fields(vals)
        return super().write(vals)

    def _omni_check_break_glass_fields(self, vals):
        if BREAK_GLASS_FIELDS & set(vals) and not approval_door.is_set():
            raise AccessError(self.env._(
                "An emergency purchase is declared with Emergency Confirm only."))

    def action_break_glass(self, reason):
        """Confirm at once with a mandatory reason; the approval follows (an emergency
        purchase waiting for an approver until the company's deadline)."""
        self.check_access("write")
        if not self.env.user.has_group("purchase.group_purchase_user"):
            raise AccessError(self.env._("Only buyers can confirm an emergency purchase."))
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason of the emergency purchase."))
        for order in self:
            if order.state not in ("draft", "sent"):
                raise UserError(self.env._("%s is already confirmed or cancelled.", order.name))
        Emergency = self.env["omni.stock.emergency.purchase"]
        for order in self:
            now = fields.Datetime.now()
            deadline = now + timedelta(days=order.company_id.omni_break_glass_days)
            with approval_door():
                order.write({"omni_break_glass": True, "omni_break_glass_reason": reason})
                # earned: a buyer (checked above) declares the emergency on their order
                emergency = Emergency.sudo().create({
                    "purchase_id": order.id, "company_id": order.company_id.id,
                    "reason": reason, "confirmed_at": now})
                order.write({"omni_emergency_id": emergency.id})
            order.button_confirm()
            if order.state == "to approve":
                # earned: the break-glass confirms at once; the approval follows (below)
                order.sudo().button_approve()
            emergency.sudo(False)._omni_submit_for_approval(
                [self.env._("Emergency purchase: %s", reason)], deadline=deadline)
            order.message_post(body=self.env._(
                "Emergency purchase confirmed at once: %(reason)s. Approval due by "
                "%(deadline)s.", reason=reason, deadline=deadline))
        return True

    def action_open_break_glass(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Emergency Confirm"),
            "res_model": "omni.stock.break.glass",
            "view_mode": "form",
            "target": "new",
            "context": {"default_purchase_id": self.id},
        }
