# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .omni_stock_approval_mixin import approval_door


class StockPicking(models.Model):
    _inherit = "stock.picking"

    omni_transfer_request_id = fields.Many2one(
        "omni.stock.transfer.request", "Transfer Request", readonly=True, index="btree_not_null",
        copy=True, help="The approved store transfer request this transfer carries out.")

    @api.model_create_multi
    def create(self, vals_list):
        request_ids = {vals["omni_transfer_request_id"] for vals in vals_list
                       if vals.get("omni_transfer_request_id")}
        if request_ids:
            # earned: reads the gate of the requests named, whoever creates the transfer
            self.env["omni.stock.transfer.request"].sudo().browse(
                request_ids)._omni_check_approved()
        return super().create(vals_list)

    def write(self, vals):
        if "omni_transfer_request_id" in vals and not approval_door.is_set():
            raise AccessError(self.env._(
                "The transfer request of a transfer is set when the request is approved."))
        return super().write(vals)

    def _omni_check_request_gate(self, receiving=False):
        # earned: the gate of the transfers' own requests
        for picking in self.filtered("omni_transfer_request_id").sudo():
            request = picking.omni_transfer_request_id
            request._omni_check_approved()
            if request.state in ("rejected", "cancel"):
                raise UserError(self.env._("%s was cancelled.", request.name))
            if (receiving and picking.location_id.usage == "transit"
                    and request.state not in ("shipped", "received")):
                raise UserError(self.env._(
                    "%(picking)s: %(request)s has not been shipped yet; receive it once "
                    "its shipping is validated.", picking=picking.name, request=request.name))

    def action_confirm(self):
        self._omni_check_request_gate()
        return super().action_confirm()

    def button_validate(self):
        self._omni_check_request_gate(receiving=True)
        return super().button_validate()

    def _omni_check_request_required(self):
        """With the company's setting, nothing leaves for transit without a request."""
        for picking in self:
            if (picking.company_id.omni_transfer_request_required
                    and not picking.omni_transfer_request_id
                    and picking.location_id.usage == "internal"
                    and picking.location_dest_id.usage == "transit"):
                raise UserError(self.env._(
                    "%s: goods leave for transit only through an approved store transfer "
                    "request (Inventory > Operations > Store Transfer Requests).",
                    picking.name))

    def _action_done(self):
        self._omni_check_request_required()
        res = super()._action_done()
        requests = self.omni_transfer_request_id
        if requests:
            requests._omni_sync_from_pickings()
        return res
