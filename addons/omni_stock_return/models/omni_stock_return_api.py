# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The returns API's rules (the controller only parses, authenticates and maps codes)."""

from odoo import api, models
from odoo.addons.omni_stock.exceptions import OmniError
from odoo.addons.omni_stock.tools import validate
from odoo.tools import float_compare, float_is_zero

from .omni_stock_return import COUNTED_STATES

PAYLOAD_KEYS = ("order_reference", "sku", "qty", "reason", "reference")


class OmniStockReturn(models.Model):
    _inherit = "omni.stock.return"

    @api.model
    def _api_parse(self, body):
        missing = [key for key in PAYLOAD_KEYS if key not in body]
        if missing:
            raise OmniError("invalid_payload",
                            self.env._("Missing fields: %s.", ", ".join(missing)))
        order_ref, sku, reason, reference = (
            validate.text(self.env, body[key], key, max_length=128)
            for key in ("order_reference", "sku", "reason", "reference"))
        qty = validate.quantity(self.env, body["qty"], "qty")
        return order_ref, sku, qty, reason, reference

    @api.model
    def _api_find(self, channel, reference):
        return self.search([("channel_id", "=", channel.id), ("reference", "=", reference)])

    @api.model
    def _api_create(self, channel, body):
        """``(return, created)`` of a marketplace return; a replay of the same
        reference answers the same return; anything refused writes nothing."""
        order_ref, sku, qty, reason_code, reference = self._api_parse(body)
        existing = self._api_find(channel, reference)
        if existing:
            order = existing.sale_order_id
            same = (order_ref in (order.name, order.client_order_ref)
                    and existing.product_id.default_code == sku
                    and not float_compare(existing.quantity, qty, precision_digits=6))
            if not same:
                raise OmniError("reference_conflict", self.env._(
                    "Return %s was already reported with other values.", reference))
            return existing, False
        product = channel._api_product(sku)
        if float_is_zero(qty, precision_rounding=product.uom_id.rounding):
            raise OmniError("invalid_quantity", self.env._(
                "qty must be at least %s.", product.uom_id.rounding))
        order = self._api_order(channel, order_ref)
        line = order.order_line.filtered(lambda so_line: so_line.product_id == product)[:1]
        if not line:
            raise OmniError("unknown_sku", self.env._(
                "%(sku)s is not on order %(order)s.", sku=sku, order=order_ref))
        reason = self.env["omni.stock.return.reason"].search([
            ("code", "=", reason_code), ("company_id", "in", [False, channel.company_id.id]),
        ], limit=1)
        if not reason:
            raise OmniError("invalid_payload", self.env._("Unknown return reason %s.", reason_code))
        taken = self.search([("sale_line_id", "=", line.id),
                             ("state", "in", (*COUNTED_STATES, "expected"))])
        returnable = self._omni_delivered(product, sale_line=line) - sum(
            taken.mapped("quantity"))
        if float_compare(qty, returnable, precision_rounding=product.uom_id.rounding) > 0:
            raise OmniError("excess_return", self.env._(
                "%(qty)s returned, %(max)s delivered and not yet returned on the order.",
                qty=qty, max=max(returnable, 0.0)), returnable=max(returnable, 0.0))
        rma = self.create(self._prepare_api_return_vals(channel, order, line, reason, qty,
                                                        reference))
        rma.action_confirm()
        return rma, True

    @api.model
    def _api_order(self, channel, order_ref):
        """The confirmed order of the key's own channel with that name or customer
        reference. Another channel's order answers exactly like an unknown one: the
        key learns nothing about orders that are not its channel's."""
        order = self.env["sale.order"].search([
            ("company_id", "=", channel.company_id.id), ("state", "=", "sale"),
            ("omni_channel_id", "=", channel.id),
            "|", ("name", "=", order_ref), ("client_order_ref", "=", order_ref),
        ], limit=1)
        if not order:
            raise OmniError("unknown_order", self.env._("Unknown order %s.", order_ref))
        return order

    @api.model
    def _prepare_api_return_vals(self, channel, order, line, reason, qty, reference):
        return {
            "sale_order_id": order.id, "sale_line_id": line.id, "quantity": qty,
            "reason_id": reason.id, "reference": reference, "channel_id": channel.id,
            "warehouse_id": order.warehouse_id.id, "company_id": order.company_id.id,
            "origin": "api",
        }

    @api.model
    def _api_get(self, channel, reference):
        rma = self._api_find(channel, reference)
        if not rma:
            raise OmniError("return_not_found", self.env._(
                "No return %(reference)s in channel %(channel)s.",
                reference=reference, channel=channel.code))
        return rma

    def _api_values(self):
        self.ensure_one()
        return {
            "reference": self.reference, "rma": self.name, "state": self.state,
            "order_reference": self.sale_order_id.client_order_ref or self.sale_order_id.name,
            "sku": self.product_id.default_code, "qty": self.quantity,
            "reason": self.reason_id.code, "flag": self.flag_reason or None,
            "grade": self.grade_id.code or None, "disposition": self.disposition or None,
        }
