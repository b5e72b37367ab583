# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .omni_stock_adjustment_reason import CATEGORIES

SOURCES = [
    ("count", "Inventory count"),
    ("wizard", "Update Quantity wizard"),
    ("import", "Import"),
    ("scrap", "Scrap"),
    ("api", "API / direct write"),
    ("system", "System"),
]

EVENTS = [
    ("applied", "Applied"),
    ("requested", "Sent for approval"),
    ("rejected", "Rejected"),
    ("lock_date", "Lock date changed"),
]


class OmniStockAdjustmentLog(models.Model):
    """Append-only audit trail of stock adjustments.

    Entries are created by :meth:`_omni_log` only (server side, sudo); no one
    can write or delete them through the ORM.
    """

    _name = "omni.stock.adjustment.log"
    _description = "Stock Adjustment Audit Log"
    _order = "id desc"
    _rec_name = "product_id"

    date = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    event = fields.Selection(EVENTS, required=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    product_id = fields.Many2one("product.product", readonly=True, index=True, ondelete="restrict")
    location_id = fields.Many2one("stock.location", readonly=True, ondelete="restrict")
    lot_id = fields.Many2one("stock.lot", "Lot/Serial", readonly=True, ondelete="restrict")
    package_id = fields.Many2one("stock.quant.package", readonly=True, ondelete="set null")
    owner_id = fields.Many2one("res.partner", readonly=True, ondelete="restrict")
    quantity_before = fields.Float(digits="Product Unit of Measure", readonly=True)
    quantity_after = fields.Float(digits="Product Unit of Measure", readonly=True)
    quantity_delta = fields.Float("Change", digits="Product Unit of Measure", readonly=True)
    value = fields.Float(help="Absolute change x product cost.", readonly=True)
    reason_id = fields.Many2one("omni.stock.adjustment.reason", readonly=True, ondelete="restrict")
    reason_category = fields.Selection(CATEGORIES, readonly=True)
    note = fields.Text(readonly=True)
    source = fields.Selection(SOURCES, readonly=True)
    requester_id = fields.Many2one("res.users", readonly=True, ondelete="restrict")
    approver_id = fields.Many2one("res.users", readonly=True, ondelete="restrict")
    requested_at = fields.Datetime(readonly=True)
    decided_at = fields.Datetime(readonly=True)
    decision_comment = fields.Text(readonly=True)
    request_id = fields.Many2one(
        "omni.stock.adjustment.request", readonly=True, ondelete="restrict", index=True
    )
    scrap_id = fields.Many2one("stock.scrap", readonly=True, ondelete="restrict")

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(self.env._("Audit log entries are written by the system only."))
        return super().create(vals_list)

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(self.env._("The stock adjustment audit log cannot be modified."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The stock adjustment audit log cannot be deleted."))

    @api.model
    def _omni_log(self, vals_list):
        return self.sudo().create(vals_list).sudo(False)
