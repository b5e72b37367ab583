from collections import defaultdict

from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def action_cancel(self):
        """A node cancels its delivery of a routed order: what it would have shipped is
        routed again to the other nodes (not when the order itself is cancelled)."""
        if not self.env.context.get("omni_routing_cancelling"):
            groups = defaultdict(lambda: self.env["stock.move"])
            for move in self.move_ids.filtered(
                    lambda m: m.state not in ("done", "cancel") and m.sale_line_id):
                # earned: the order of a move the caller may cancel, read to route it again
                order = move.sale_line_id.sudo().order_id
                if order.state == "sale" and order._omni_is_routed() \
                        and order.omni_routing_decision_ids:
                    groups[order] |= move
            for order, moves in groups.items():
                order.with_env(self.env)._omni_reroute(moves, reason="cancelled")
        return super().action_cancel()
