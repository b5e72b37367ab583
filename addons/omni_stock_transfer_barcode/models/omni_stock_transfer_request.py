# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class OmniStockTransferRequest(models.Model):
    _inherit = "omni.stock.transfer.request"

    def _omni_received_at(self, receipts):
        """The last accepted scan of the receipts, when they were scanned."""
        # earned: the scans of the request's own receipts, read to date its receipt
        scans = self.env["omni.stock.scan"].sudo().search(
            [("picking_id", "in", receipts.ids), ("kind", "!=", "error")],
            order="create_date desc, id desc", limit=1)
        return scans.create_date or super()._omni_received_at(receipts)
