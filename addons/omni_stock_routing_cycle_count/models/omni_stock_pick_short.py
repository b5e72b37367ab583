# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class OmniStockPickShort(models.Model):
    _inherit = "omni.stock.pick.short"

    @api.model
    def _omni_report(self, product, location, quantity, move=None):
        """The missing units of a routed order's delivery go to the next best node (the
        rest stays with the node that picks it); the reason says pick short."""
        short = super()._omni_report(product, location, quantity, move=move)
        order = move.sale_line_id.order_id if move else None
        if order and order.state == "sale" and order._omni_is_routed() \
                and order.omni_routing_decision_ids:
            # earned: super() checked the reporter is an inventory user; the quantity of the
            # pick short it just recorded (managers' figure, not shown to the picker)
            order._omni_reroute(move, {move: short.sudo().quantity}, reason="pick_short")
        return short
