# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from ..tools import is_system, trusted_adjustment


class StockScrap(models.Model):
    _inherit = "stock.scrap"

    omni_reason_id = fields.Many2one(
        "omni.stock.adjustment.reason",
        "Adjustment Reason",
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
        tracking=True,
    )
    omni_reason_note = fields.Text("Adjustment Note")
    omni_request_ids = fields.One2many(
        "omni.stock.adjustment.request", "scrap_id", "Approval Requests", readonly=True
    )
    omni_waiting_approval = fields.Boolean(compute="_compute_omni_waiting_approval")

    @api.depends("omni_request_ids.state")
    def _compute_omni_waiting_approval(self):
        for scrap in self:
            scrap.omni_waiting_approval = bool(scrap._omni_pending_requests())

    def _omni_pending_requests(self):
        return (
            self.env["omni.stock.adjustment.request"]
            .sudo()
            .search([("scrap_id", "in", self.ids), ("state", "=", "to_approve")])
        )

    def write(self, vals):
        if vals.get("date_done"):
            for scrap in self:
                scrap.company_id._omni_check_lock_date(vals["date_done"], self.env._("Scrap"))
        return super().write(vals)

    def _omni_scrap_delta(self):
        self.ensure_one()
        return -self.product_uom_id._compute_quantity(self.scrap_qty, self.product_id.uom_id)

    def _omni_scrap_onhand(self):
        self.ensure_one()
        return self.env["stock.quant"]._omni_onhand(
            self.product_id, self.location_id, self.lot_id, self.package_id, self.owner_id
        )

    def do_scrap(self):
        """Scrap only with a valid reason; large scraps wait for approval."""
        Reason = self.env["omni.stock.adjustment.reason"]
        to_do = self.browse()
        request_vals = []
        for scrap in self:
            if scrap.state != "draft":
                raise UserError(self.env._("Scrap %s is already done.", scrap.name))
            rounding = scrap.product_uom_id.rounding
            if float_compare(scrap.scrap_qty, 0, precision_rounding=rounding) <= 0:
                raise UserError(self.env._("You can only scrap positive quantities."))
            if not scrap.omni_reason_id and is_system(self.env):
                to_do |= scrap
                continue
            reason = Reason._omni_resolve(
                scrap.omni_reason_id, scrap.omni_reason_note, scrap.company_id
            )
            scrap.company_id._omni_check_lock_date(
                fields.Date.context_today(self), self.env._("Scrap")
            )
            if scrap._omni_pending_requests():
                raise UserError(
                    self.env._("Scrap %s is already waiting for approval.", scrap.display_name)
                )
            delta = scrap._omni_scrap_delta()
            value = abs(delta) * scrap.product_id.with_company(scrap.company_id).standard_price
            if reason._omni_needs_approval(
                delta,
                value,
                scrap.company_id,
                scrap.location_id.warehouse_id,
                scrap.product_id.uom_id.rounding,
            ):
                before = scrap._omni_scrap_onhand()
                request_vals.append(
                    {
                        **scrap._omni_stock_target_vals(),
                        "scrap_id": scrap.id,
                        "quantity_before": before,
                        "quantity_requested": before + delta,
                        "quantity_delta": delta,
                        "value": value,
                        "reason_id": reason.id,
                        "note": scrap.omni_reason_note,
                        "source": "scrap",
                    }
                )
            else:
                to_do |= scrap
        if request_vals:
            requests = self.env["omni.stock.adjustment.request"]._omni_create_requests(request_vals)
            for request in requests.sudo():
                request.scrap_id.message_post(
                    body=self.env._("Scrap sent for approval: %s", request.name)
                )
        if to_do:
            to_do._omni_apply_scrap()
        return True

    def _omni_stock_target_vals(self):
        """The stock a scrap touches, as request and log values."""
        self.ensure_one()
        return {
            "company_id": self.company_id.id,
            "product_id": self.product_id.id,
            "location_id": self.location_id.id,
            "lot_id": self.lot_id.id,
            "package_id": self.package_id.id,
            "owner_id": self.owner_id.id,
        }

    def _omni_apply_scrap(self, request=None):
        """Validate checked scraps and log them. Private: not reachable by RPC."""
        log_vals = []
        for scrap in self:
            if scrap.state != "draft":
                raise UserError(self.env._("Scrap %s is already done.", scrap.name))
            scrap.company_id._omni_check_lock_date(
                fields.Date.context_today(self), self.env._("Scrap")
            )
            before = scrap._omni_scrap_onhand()
            delta = scrap._omni_scrap_delta()
            log_vals.append(
                {
                    "event": "applied",
                    **scrap._omni_stock_target_vals(),
                    "quantity_before": before,
                    "quantity_after": before + delta,
                    "quantity_delta": delta,
                    "value": abs(delta)
                    * scrap.product_id.with_company(scrap.company_id).standard_price,
                    "reason_id": scrap.omni_reason_id.id,
                    "reason_category": scrap.omni_reason_id.category,
                    "note": scrap.omni_reason_note,
                    "source": "scrap" if scrap.omni_reason_id else "system",
                    "requester_id": request.requester_id.id if request else self.env.uid,
                    "approver_id": request.approver_id.id if request else False,
                    "requested_at": request.create_date if request else fields.Datetime.now(),
                    "decided_at": request.decided_at if request else False,
                    "decision_comment": request.decision_comment if request else False,
                    "request_id": request.id if request else False,
                    "scrap_id": scrap.id,
                }
            )
        with trusted_adjustment():
            super().do_scrap()  # pylint: disable=super-method-mismatch
        return self.env["omni.stock.adjustment.log"]._omni_log(log_vals)
