from odoo import fields, models
from odoo.addons.omni_stock.models.omni_stock_hold import HoldError


class OmniStockHold(models.Model):
    _inherit = "omni.stock.hold"

    def _frozen_fields(self):
        return super()._frozen_fields() | {"sale_order_id"}

    sale_order_id = fields.Many2one(
        "sale.order", readonly=True, index="btree_not_null", ondelete="set null",
        check_company=True,
    )

    def _api_confirm(self, payload):
        """Create (or extend, with ``order_reference``) and confirm the channel's order.

        Idempotent: a confirmed hold returns its order.
        """
        self.ensure_one()
        if self.state == "confirmed" and self.sale_order_id:
            return {"sale_order": self.sale_order_id.name}
        self._ensure_open()
        channel = self.channel_id
        if not channel.sale_partner_id:
            raise HoldError("invalid_payload", self.env._(
                "Channel %s has no customer for API orders.", channel.name))
        order_reference = payload.get("order_reference")
        if order_reference is not None and (
                not isinstance(order_reference, str) or not 0 < len(order_reference) <= 64):
            raise HoldError("invalid_payload", self.env._(
                "order_reference must be a string of 1 to 64 characters."))
        Order = self.env["sale.order"].with_company(channel.company_id)
        # only an order this channel's integrations made: never a salesperson's quotation
        order = order_reference and Order.search([
            ("omni_channel_id", "=", channel.id), ("client_order_ref", "=", order_reference),
            ("omni_from_api", "=", True), ("state", "!=", "cancel")], limit=1)
        line = {"product_id": self.product_id.id, "product_uom_qty": self.quantity}
        if order:
            order.order_line = [fields.Command.create(line)]
        else:
            values = {"warehouse_id": channel.warehouse_ids[:1].id} if channel.warehouse_ids else {}
            order = Order.create({
                **values,
                "partner_id": channel.sale_partner_id.id,
                "company_id": channel.company_id.id,
                "team_id": channel.sale_team_id.id or False,
                "omni_channel_id": channel.id,
                "client_order_ref": order_reference or self.reference,
                "origin": self.reference,
                "omni_from_api": True,
                "order_line": [fields.Command.create(line)],
            })
        self._write_lifecycle({"sale_order_id": order.id})
        if order.state in ("draft", "sent"):
            order.action_confirm()  # consumes the order's holds, this one included
        else:
            self.action_confirm_hold()
        return {"sale_order": order.name}
