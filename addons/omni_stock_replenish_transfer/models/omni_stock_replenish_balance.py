# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A balancing proposal becomes a store transfer request (``omni_stock_transfer``):
submitted by the manager who acts on the proposal, it goes through the transfer
approval rules (approved at once when none matches, else it waits for an approver
who is not the requester) and becomes Odoo's two transfers through transit only
once approved."""

from odoo import Command, api, fields, models
from odoo.osv import expression

# what a proposal's reason is, as a transfer request's reason
REQUEST_REASONS = {"lost sale": "rebalance", "holding cost": "rebalance",
                   "rescue": "emergency"}
# a request in these states still brings its goods to the receiver
OPEN_REQUEST_STATES = ("draft", "to_approve", "approved", "shipped")


class OmniStockReplenishBalance(models.Model):
    _inherit = "omni.stock.replenish.balance"

    transfer_request_id = fields.Many2one(
        "omni.stock.transfer.request", readonly=True, index=True,
        ondelete="set null", copy=False)
    transfer_request_state = fields.Selection(related="transfer_request_id.state",
                                              string="Request Status")

    def _prepare_balancing_request_vals(self):
        """Values of the store transfer request of this proposal (one line)."""
        self.ensure_one()
        return {
            "company_id": self.company_id.id,
            "warehouse_id": self.source_warehouse_id.id,
            "warehouse_dest_id": self.dest_warehouse_id.id,
            "reason": REQUEST_REASONS.get(self.reason, "rebalance"),
            "note": self.note or False,
            "line_ids": [Command.create({"product_id": self.product_id.id,
                                         "quantity": self.quantity})],
        }

    def action_create_transfer(self):
        """A transfer request per proposal, created and submitted as the current user
        (the approval rules decide; the transfers are made once it is approved)."""
        self._ensure_can_act()
        Request = self.env["omni.stock.transfer.request"]
        for proposal in self:
            request = Request.create(proposal._prepare_balancing_request_vals())
            request.action_submit()
            # earned: _ensure_can_act (inventory manager) above; the proposal's own link
            proposal.sudo().write({"state": "done", "transfer_request_id": request.id,
                                   "picking_ids": [Command.set(request.picking_ids.ids)]})
        return self.action_view_request() if len(self) == 1 else True

    def action_view_request(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "res_model": "omni.stock.transfer.request",
            "name": self.env._("Store Transfer Request"), "view_mode": "form",
            "res_id": self.transfer_request_id.id,
        }

    @api.model
    def _on_way_domain(self, company):
        """Plus the proposals whose request is still open (waiting for approval,
        approved, shipped) and has no transfer of the proposal yet: their goods are
        coming."""
        return expression.OR([super()._on_way_domain(company), [
            ("company_id", "=", company.id), ("state", "=", "done"),
            ("transfer_request_id", "!=", False), ("picking_ids", "=", False),
            ("transfer_request_id.state", "in", OPEN_REQUEST_STATES)]])
