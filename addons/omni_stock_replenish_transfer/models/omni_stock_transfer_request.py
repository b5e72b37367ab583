# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields, models


class OmniStockTransferRequest(models.Model):
    _inherit = "omni.stock.transfer.request"

    omni_balance_ids = fields.One2many(
        "omni.stock.replenish.balance", "transfer_request_id", "Balancing Proposals",
        readonly=True)

    def _omni_create_pickings(self):
        """The balancing proposals of an approved request show its transfers."""
        res = super()._omni_create_pickings()
        for request in self:
            # earned: called for approved requests only; their own proposals' links
            proposals = request.sudo().omni_balance_ids
            if proposals:
                proposals.write({"picking_ids": [Command.set(request.picking_ids.ids)]})
        return res
