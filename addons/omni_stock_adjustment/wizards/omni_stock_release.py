# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare


class OmniStockRelease(models.TransientModel):
    """Ask for stock to change status where the status transition matrix says
    *approved reason-coded release* (e.g. damaged to sellable): an approval
    request that, once approved by somebody else, performs the transfer."""

    _name = "omni.stock.release"
    _inherit = "omni.stock.adjustment.reason.mixin"
    _description = "Request a Status Release"

    product_id = fields.Many2one(
        "product.product", required=True, domain="[('is_storable', '=', True)]")
    product_uom_id = fields.Many2one(related="product_id.uom_id")
    location_id = fields.Many2one(
        "stock.location", "From", required=True,
        domain="[('usage', 'in', ('internal', 'transit'))]")
    location_dest_id = fields.Many2one(
        "stock.location", "To", required=True,
        domain="[('usage', 'in', ('internal', 'transit'))]")
    company_id = fields.Many2one(related="location_id.company_id")
    lot_id = fields.Many2one("stock.lot", "Lot/Serial", domain="[('product_id', '=', product_id)]")
    package_id = fields.Many2one("stock.quant.package")
    owner_id = fields.Many2one("res.partner")
    quantity = fields.Float(required=True, default=1.0, digits="Product Unit of Measure")
    quantity_available = fields.Float(
        "On Hand There", compute="_compute_quantity_available", digits="Product Unit of Measure")

    @api.depends("product_id", "location_id", "lot_id", "package_id", "owner_id")
    def _compute_quantity_available(self):
        for release in self:
            release.quantity_available = (
                release._omni_onhand() if release.product_id and release.location_id else 0.0)

    def _omni_onhand(self):
        self.ensure_one()
        return self.env["stock.quant"]._omni_onhand(
            self.product_id, self.location_id, self.lot_id, self.package_id, self.owner_id)

    def _omni_check_release(self):
        """Refuse, before anything is written, a release that is not one: not a
        positive quantity, a location the user may not read, another company's,
        a transition whose door is not a release, more than is there."""
        self.ensure_one()
        rounding = self.product_id.uom_id.rounding
        if float_compare(self.quantity, 0, precision_rounding=rounding) <= 0:
            raise UserError(self.env._("A release moves a positive quantity."))
        locations = self.location_id | self.location_dest_id
        locations.check_access("read")
        self.product_id.check_access("read")
        if len(self.location_id | self.location_dest_id) < 2:
            raise UserError(self.env._("A release moves stock to another location."))
        if any(location.usage not in ("internal", "transit") for location in locations) or \
                len(locations.company_id) > 1:
            raise UserError(self.env._(
                "A release moves stock between locations of one company's stock."))
        Transition = self.env["omni.stock.status.transition"]
        source = self.location_id._omni_policy_status()
        dest = self.location_dest_id._omni_policy_status()
        door = Transition._omni_door(self.location_id.company_id, source, dest)
        if door != "release":
            labels = dict(Transition._fields["from_status"].selection)
            hint = (self.env._("no release is needed: use an ordinary transfer")
                    if door == "free" else Transition._omni_door_hint(door))
            raise UserError(self.env._(
                "%(from_status)s → %(to_status)s is not crossed by a release: %(hint)s.",
                from_status=labels[source], to_status=labels[dest], hint=hint))
        if float_compare(self._omni_onhand(), self.product_uom_id._compute_quantity(
                self.quantity, self.product_id.uom_id), precision_rounding=rounding) < 0:
            raise UserError(self.env._(
                "%(location)s holds %(available)s %(product)s: it cannot release %(qty)s.",
                location=self.location_id.display_name, available=self._omni_onhand(),
                product=self.product_id.display_name, qty=self.quantity))

    def action_request(self):
        """Send the release for approval; open the request."""
        requests = self.env["omni.stock.adjustment.request"]._omni_request_releases(self)
        return {
            "type": "ir.actions.act_window",
            "res_model": "omni.stock.adjustment.request",
            "res_id": requests[:1].id,
            "view_mode": "form",
            "target": "current",
        }
