# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

APPROVAL_EVENTS = [
    ("approval_requested", "Sent for approval (transfer, emergency purchase)"),
    ("approval_approved", "Approved (transfer, emergency purchase)"),
    ("approval_rejected", "Rejected (transfer, emergency purchase)"),
]
APPROVAL_SOURCES = [
    ("transfer", "Store transfer"),
    ("emergency", "Emergency purchase"),
]


class OmniStockAdjustmentLog(models.Model):
    """The approvals of store transfers and emergency purchases in the same
    append-only audit log as stock adjustments: one line per product. Their events
    are their own (never ``applied``: the adjustment running totals, write-off
    reports and alerts read that event only)."""

    _inherit = "omni.stock.adjustment.log"

    event = fields.Selection(
        selection_add=APPROVAL_EVENTS,
        ondelete=dict.fromkeys((code for code, _label in APPROVAL_EVENTS), "cascade"))
    source = fields.Selection(
        selection_add=APPROVAL_SOURCES,
        ondelete=dict.fromkeys((code for code, _label in APPROVAL_SOURCES), "set null"))
    transfer_request_id = fields.Many2one(
        "omni.stock.transfer.request", readonly=True, index="btree_not_null",
        ondelete="restrict")
    emergency_purchase_id = fields.Many2one(
        "omni.stock.emergency.purchase", readonly=True, index="btree_not_null",
        ondelete="restrict")
