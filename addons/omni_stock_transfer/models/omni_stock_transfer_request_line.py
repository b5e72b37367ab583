# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.addons.omni_stock_adjustment.tools import FINANCE_GROUP

from .omni_stock_approval_mixin import approval_door


class OmniStockTransferRequestLine(models.Model):
    """A product and quantity of a transfer request, with the approval card's
    figures: the ATS at source and destination before and after the transfer."""

    _name = "omni.stock.transfer.request.line"
    _description = "Store Transfer Request Line"
    _check_company_auto = True

    request_id = fields.Many2one("omni.stock.transfer.request", required=True,
                                 ondelete="cascade", index=True)
    company_id = fields.Many2one(related="request_id.company_id", store=True, index=True)
    state = fields.Selection(related="request_id.state")
    product_id = fields.Many2one(
        "product.product", required=True, check_company=True,
        domain=[("is_storable", "=", True)])
    product_uom_id = fields.Many2one(related="product_id.uom_id")
    quantity = fields.Float(required=True, default=1.0, digits="Product Unit of Measure")
    value = fields.Float(compute="_compute_value", groups=FINANCE_GROUP,
                         help="Quantity x the product's cost.")
    ats_source = fields.Float("ATS at Source", compute="_compute_ats_effect",
                              digits="Product Unit of Measure")
    ats_source_after = fields.Float("ATS at Source After", compute="_compute_ats_effect",
                                    digits="Product Unit of Measure")
    ats_dest = fields.Float("ATS at Destination", compute="_compute_ats_effect",
                            digits="Product Unit of Measure")
    ats_dest_after = fields.Float("ATS at Destination After", compute="_compute_ats_effect",
                                  digits="Product Unit of Measure",
                                  help="Once received: in transit, the goods are sold at "
                                  "neither end.")

    @api.depends("quantity", "product_id")
    def _compute_value(self):
        for line in self:
            line.value = line.quantity * line.product_id.standard_price

    def _omni_ats_by_node(self):
        """{warehouse: {product id: lean ATS figures}}: one engine call per warehouse
        (source or destination) for every line of ``self``."""
        products = defaultdict(lambda: self.env["product.product"])
        for line in self:
            for warehouse in (line.request_id.warehouse_id, line.request_id.warehouse_dest_id):
                if warehouse and line.product_id:
                    products[warehouse] |= line.product_id
        ats = self.env["omni.ats"]
        return {warehouse: ats.compute(prods, locations=warehouse.view_location_id,
                                       detail=False)
                for warehouse, prods in products.items()}

    @api.depends("quantity", "product_id", "request_id.warehouse_id",
                 "request_id.warehouse_dest_id", "request_id.state")
    @api.depends_context("uid")
    def _compute_ats_effect(self):
        figures = self._omni_ats_by_node()
        for line in self:
            request = line.request_id
            src = figures.get(request.warehouse_id, {}).get(line.product_id.id, {})
            dest = figures.get(request.warehouse_dest_id, {}).get(line.product_id.id, {})
            line.ats_source = src.get("ats", 0.0)
            line.ats_dest = dest.get("ats", 0.0)
            # before approval, what it would do; after, the engine counts it already
            # (the shipment as demand at the source, in transit at the destination)
            pending = line.quantity if request.state in ("draft", "to_approve") else 0.0
            line.ats_source_after = max(0.0, line.ats_source - pending)
            line.ats_dest_after = line.ats_dest + (
                line.quantity if request.state not in ("received", "rejected", "cancel")
                else 0.0)

    # ------------------------------------------------------------------ guard
    def _omni_check_editable(self, requests):
        if not approval_door.is_set():
            requests._omni_check_draft()

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        self._omni_check_editable(lines.request_id)
        return lines

    def write(self, vals):
        self._omni_check_editable(self.request_id)
        res = super().write(vals)
        if "request_id" in vals:
            self._omni_check_editable(self.request_id)
        return res

    def unlink(self):
        self._omni_check_editable(self.request_id)
        return super().unlink()

    def _prepare_move_vals(self, picking_vals):
        self.ensure_one()
        return {
            "name": self.request_id.name,
            "origin": self.request_id.name,
            "product_id": self.product_id.id,
            "product_uom": self.product_id.uom_id.id,
            "product_uom_qty": self.quantity,
            "location_id": picking_vals["location_id"],
            "location_dest_id": picking_vals["location_dest_id"],
            "picking_type_id": picking_vals["picking_type_id"],
            "company_id": self.request_id.company_id.id,
        }
