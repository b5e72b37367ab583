# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    omni_consignment = fields.Boolean(
        "Consignment", compute="_compute_omni_consignment", store=True, readonly=False,
        precompute=True, copy=False,
        help="The goods stay the vendor's: the receipt carries the vendor as owner (no "
        "stock value), nothing is billed on receipt; the self-billing settlement pays "
        "for what is sold. Default: set when the vendor has a consignment agreement.")

    @api.depends("partner_id", "company_id")
    def _compute_omni_consignment(self):
        agreements = self.env["omni.stock.consignment.agreement"]
        for order in self:
            order.omni_consignment = bool(order.partner_id) and bool(
                agreements._for_owner(order.partner_id.commercial_partner_id,
                                      order.company_id))

    def _prepare_picking(self):
        vals = super()._prepare_picking()
        if self.omni_consignment:
            vals["owner_id"] = self.partner_id.commercial_partner_id.id
        return vals


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    def _compute_qty_invoiced(self):
        res = super()._compute_qty_invoiced()
        # consigned goods are paid when sold (self-billing), never on receipt
        for line in self.filtered("order_id.omni_consignment"):
            line.qty_to_invoice = 0.0
        return res
