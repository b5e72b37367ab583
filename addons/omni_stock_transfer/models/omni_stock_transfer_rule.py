# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare, float_repr

TRANSFER_REASONS = [
    ("replenish", "Store replenishment"),
    ("rebalance", "Rebalancing between stores"),
    ("customer", "Customer order"),
    ("emergency", "Emergency"),
    ("return", "Return to the warehouse"),
    ("other", "Other"),
]
RULE_KINDS = [
    ("value", "Value above"),
    ("quantity", "Quantity above"),
    ("below_safety", "Source left below its safety stock"),
    ("reason", "Reason"),
    ("route", "Route (every transfer between these warehouses)"),
]


class OmniStockTransferRule(models.Model):
    """When a store transfer request needs an approver. Evaluated once, at submit;
    a request that matches no rule is approved at once."""

    _name = "omni.stock.transfer.rule"
    _description = "Transfer Approval Rule"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, index=True,
                                 default=lambda self: self.env.company)
    kind = fields.Selection(RULE_KINDS, required=True, default="value")
    threshold = fields.Float(
        help="Value: the request's value (cost x quantity) above which it needs approval; "
        "quantity: its total units.")
    reason = fields.Selection(TRANSFER_REASONS, help="Reason rules: requests with this reason.")
    warehouse_id = fields.Many2one(
        "stock.warehouse", "From", check_company=True,
        help="Only requests out of this warehouse or store (empty: any).")
    warehouse_dest_id = fields.Many2one(
        "stock.warehouse", "To", check_company=True,
        help="Only requests into this warehouse or store (empty: any).")

    @api.constrains("kind", "threshold", "reason")
    def _check_parameters(self):
        for rule in self:
            if rule.threshold < 0:
                raise ValidationError(self.env._("Rule %s: the threshold cannot be negative.",
                                                 rule.name))
            if rule.kind == "reason" and not rule.reason:
                raise ValidationError(self.env._("Rule %s: choose the reason.", rule.name))

    def _omni_applies_to(self, request):
        self.ensure_one()
        return ((not self.warehouse_id or self.warehouse_id == request.warehouse_id)
                and (not self.warehouse_dest_id
                     or self.warehouse_dest_id == request.warehouse_dest_id))

    def _omni_match(self, request, facts):
        """The message saying why ``request`` needs approval under this rule, or None.

        ``facts``: ``{"value", "quantity", "below_safety": [(product, after, safety)]}``
        (see ``omni.stock.transfer.request._omni_approval_facts``).
        """
        self.ensure_one()
        if not self._omni_applies_to(request):
            return None
        kind = self.kind
        if kind == "value" and float_compare(facts["value"], self.threshold, 2) > 0:
            return self.env._("%(rule)s: value %(value)s above %(limit)s", rule=self.name,
                              value=float_repr(facts["value"], 2),
                              limit=float_repr(self.threshold, 2))
        if kind == "quantity" and float_compare(facts["quantity"], self.threshold, 4) > 0:
            return self.env._("%(rule)s: %(qty)s units above %(limit)s", rule=self.name,
                              qty=facts["quantity"], limit=self.threshold)
        if kind == "below_safety" and facts["below_safety"]:
            return self.env._("%(rule)s: %(lines)s", rule=self.name, lines=", ".join(
                self.env._("%(product)s left at %(after)s, safety stock %(safety)s",
                           product=product.display_name, after=after, safety=safety)
                for product, after, safety in facts["below_safety"]))
        if kind == "reason" and request.reason == self.reason:
            return self.env._("%(rule)s: reason %(reason)s", rule=self.name, reason=dict(
                TRANSFER_REASONS)[self.reason])
        if kind == "route":
            return self.env._("%(rule)s: %(src)s to %(dest)s", rule=self.name,
                              src=request.warehouse_id.name, dest=request.warehouse_dest_id.name)
        return None
