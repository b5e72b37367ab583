# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmniStockAtsSnapshotLine(models.Model):
    _name = "omni.stock.ats.snapshot.line"
    _description = "Product at ATS 0 on a Snapshot Day"
    _log_access = False

    snapshot_id = fields.Many2one(
        "omni.stock.ats.snapshot", required=True, index=True, ondelete="cascade"
    )
    date = fields.Date(related="snapshot_id.date")
    channel_id = fields.Many2one(related="snapshot_id.channel_id")
    company_id = fields.Many2one("res.company", required=True, index=True)
    product_id = fields.Many2one("product.product", required=True, ondelete="cascade")
    ats = fields.Float("ATS", digits="Product Unit of Measure")
