# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from .stock_quant import OwnerPolicy, owner_policy


class StockMove(models.Model):
    _inherit = "stock.move"

    # ------------------------------------------------------------------ channel

    def _omni_consign_channel(self):
        """The sales channel this move serves (empty: no channel, no owner rule).
        Extended by the POS glue for the moves of POS orders."""
        self.ensure_one()
        return (self.sale_line_id.order_id.omni_channel_id
                or self.group_id.sale_id.omni_channel_id)

    def _omni_consign_owner_policy(self):
        """Whose units this move may reserve: own stock and the owners whose agreement
        lists the move's channel, in the agreements' order (``None``: no channel)."""
        self.ensure_one()
        channel = self._omni_consign_channel()
        if not channel:
            return None
        agreements = self.env["omni.stock.consignment.agreement"]
        allowed = agreements._allowed_owner_ids(channel)
        return OwnerPolicy(
            own_partner_id=self.company_id.partner_id.id,
            allowed_owner_ids=tuple(allowed),
            first_owner_ids=frozenset(agreements._consume_first_owner_ids(allowed)),
        )

    def _update_reserved_quantity(self, need, location_id, lot_id=None, package_id=None,
                                  owner_id=None, strict=True):
        policy = None if strict or owner_id else self._omni_consign_owner_policy()
        if policy is None:
            return super()._update_reserved_quantity(
                need, location_id, lot_id=lot_id, package_id=package_id,
                owner_id=owner_id, strict=strict)
        with owner_policy(policy):
            return super()._update_reserved_quantity(
                need, location_id, lot_id=lot_id, package_id=package_id,
                owner_id=owner_id, strict=strict)

    # ------------------------------------------------------------------ returns

    def _omni_consign_return_owner(self):
        """The owner of the units a customer return brings back: the owner of the
        returned delivery's units when they were all one owner's."""
        self.ensure_one()
        origin = self.origin_returned_move_id
        if not origin or self.location_id.usage != "customer":
            return self.env["res.partner"]
        owners = origin.move_line_ids.owner_id - self.company_id.partner_id
        if len(owners) == 1 and all(origin.move_line_ids.mapped("owner_id")):
            return owners
        return self.env["res.partner"]

    def _prepare_move_line_vals(self, quantity=None, reserved_quant=None):
        vals = super()._prepare_move_line_vals(quantity=quantity, reserved_quant=reserved_quant)
        if not reserved_quant and not vals.get("owner_id"):
            owner = self._omni_consign_return_owner()
            if owner:
                vals["owner_id"] = owner.id
        return vals

    # ------------------------------------------------------------------ settlement

    def _omni_consign_sale_unit_price(self):
        """The unit price (tax excluded, company currency, per unit of the product's
        UoM) the goods of this move were sold at, or ``None`` (not a sale)."""
        self.ensure_one()
        line = self.sale_line_id
        if not line:
            return None
        order = line.order_id
        price = line.product_uom._compute_price(line.price_reduce_taxexcl,
                                                 self.product_id.uom_id)
        return order.currency_id._convert(
            price, self.company_id.currency_id, self.company_id,
            order.date_order.date() if order.date_order else None)

    def _action_done(self, cancel_backorder=False):
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        moves.move_line_ids._omni_consign_settle()
        return moves
