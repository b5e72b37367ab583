# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dataclasses import dataclass

from odoo import models
from odoo.addons.omni_stock.tools.guard import ServerValue
from odoo.osv import expression
from odoo.tools.sql import create_index


@dataclass(frozen=True)
class OwnerPolicy:
    """Whose units a channel's move may take, and in which order."""

    own_partner_id: int  # the company's partner: as own as unowned stock
    allowed_owner_ids: tuple  # besides own stock: the owners the channel may sell
    first_owner_ids: frozenset  # owners whose units go before the retailer's own

    def rank(self, quant):
        """0: consigned first, 1: own, 2: consigned after own."""
        owner_id = quant.owner_id.id
        if owner_id in self.first_owner_ids:
            return 0
        if not owner_id or owner_id == self.own_partner_id:
            return 1
        return 2


# the owner policy of the move reserving (set by stock.move around its reservation; a
# server-side value, never a context key any RPC client could send)
owner_policy = ServerValue("omni_stock_consignment_owner_policy")


class StockQuant(models.Model):
    _inherit = "stock.quant"

    def init(self):
        res = super().init()
        # the consignment part of the ATS statement reads only owned quants
        create_index(self.env.cr, "stock_quant_omni_owned_idx", self._table,
                     ["product_id", "location_id"], where="owner_id IS NOT NULL")
        return res

    def _get_gather_domain(self, product_id, location_id, lot_id=None, package_id=None,
                           owner_id=None, strict=False):
        domain = super()._get_gather_domain(
            product_id, location_id, lot_id=lot_id, package_id=package_id,
            owner_id=owner_id, strict=strict)
        policy = owner_policy.get()
        if policy is not None and not strict and not owner_id:
            domain = expression.AND([domain, [
                "|", ("owner_id", "=", False),
                ("owner_id", "in", [policy.own_partner_id, *policy.allowed_owner_ids])]])
        return domain

    def _gather(self, product_id, location_id, lot_id=None, package_id=None, owner_id=None,
                strict=False, qty=0):
        quants = super()._gather(product_id, location_id, lot_id=lot_id,
                                 package_id=package_id, owner_id=owner_id, strict=strict,
                                 qty=qty)
        policy = owner_policy.get()
        if policy is None or strict or owner_id or not quants.owner_id:
            return quants
        # lots first (as Odoo's), then the agreement's order of own and consigned units
        return quants.sorted(lambda q: (not q.lot_id, policy.rank(q)))
