from odoo import models


class PosOrder(models.Model):
    _inherit = "pos.order"

    def _process_saved_order(self, draft):
        """A paid order of a customer consumes the store's holds for that customer."""
        if not draft:
            self._omni_consume_holds()
        return super()._process_saved_order(draft)

    def _omni_consume_holds(self):
        """Confirm the active holds of the order's POS channel for its customer and
        products (they stop counting: the sale itself takes the stock now)."""
        self.ensure_one()
        channel = self.config_id.omni_channel_id
        if not channel or not self.partner_id:
            return
        products = self.lines.filtered(lambda line: line.qty > 0).product_id
        # earned: the paid order the cashier synced (Odoo's rights on pos.order): only its
        # channel's holds of its customer
        Hold = self.env["omni.stock.hold"].sudo()
        holds = Hold.search([
            ("channel_id", "=", channel.id), ("origin", "=", "pos"),
            ("partner_id", "=", self.partner_id.commercial_partner_id.id),
            ("product_id", "in", products.ids),
            *Hold._active_domain(),
        ])
        if holds:
            holds._write_lifecycle({"pos_order_id": self.id})
            holds.action_confirm_hold()
