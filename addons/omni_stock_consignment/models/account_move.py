# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import Command, fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    omni_consign_agreement_id = fields.Many2one(
        "omni.stock.consignment.agreement", string="Consignment Agreement", readonly=True,
        copy=False, index="btree_not_null",
        help="Self-billing bill of the consigned units sold, scrapped or lost in the period.")
    omni_consign_owner_id = fields.Many2one(
        "res.partner", string="Consignment Owner", readonly=True, copy=False,
        index="btree_not_null")
    omni_consign_period_start = fields.Date("Settlement Period Start", readonly=True,
                                            copy=False)
    omni_consign_period_end = fields.Date("Settlement Period End", readonly=True, copy=False)

    def _omni_consign_add_lines(self, move_lines):
        """Add one bill line per stock move line to the owners' draft bills of the
        period (created when missing). Called by the settlement, as superuser."""
        groups = defaultdict(lambda: self.env["stock.move.line"])
        agreements = {}
        for ml in move_lines:
            key = (ml.owner_id, ml.company_id)
            if key not in agreements:
                agreements[key] = self.env["omni.stock.consignment.agreement"]._for_owner(
                    ml.owner_id, ml.company_id)
            start, _end = agreements[key]._period_bounds(ml._omni_consign_date())
            groups[key + (start,)] |= ml
        for (owner, company, start), lines in groups.items():
            agreement = agreements[owner, company]
            bill = self._omni_consign_bill(owner, company, agreement, start)
            bill.write({"invoice_line_ids": [
                Command.create(self._prepare_omni_consign_line_vals(ml, agreement))
                for ml in lines.sorted("id")
            ]})

    def _omni_consign_bill(self, owner, company, agreement, start):
        """The owner's draft settlement bill of the period starting ``start``."""
        bill = self.search([
            ("move_type", "=", "in_invoice"), ("state", "=", "draft"),
            ("omni_consign_owner_id", "=", owner.id), ("company_id", "=", company.id),
            ("omni_consign_period_start", "=", start),
        ], limit=1, order="id")
        if bill:
            return bill
        _start, end = agreement._period_bounds(start)
        return self.with_company(company).with_context(
            default_move_type="in_invoice").create(
            self._prepare_omni_consign_bill_vals(owner, company, agreement, start, end))

    def _prepare_omni_consign_bill_vals(self, owner, company, agreement, start, end):
        return {
            "move_type": "in_invoice",
            "partner_id": owner.id,
            "company_id": company.id,
            "currency_id": company.currency_id.id,
            "omni_consign_agreement_id": agreement.id,
            "omni_consign_owner_id": owner.id,
            "omni_consign_period_start": start,
            "omni_consign_period_end": end,
            "invoice_date": end,
            "ref": self.env._("Consignment settlement %(start)s - %(end)s",
                              start=start, end=end),
        }

    def _prepare_omni_consign_line_vals(self, move_line, agreement):
        """One bill line for ``move_line``: its units at the agreement's price; a customer
        return takes them back at the price they were settled at."""
        sign = move_line._omni_consign_sign()
        product = move_line.product_id
        move = move_line.move_id
        if sign < 0:
            # the owner's units of the returned delivery: back at the price they were
            # settled at
            returned = move._omni_consign_returned_lines().filtered(
                lambda ml: ml.owner_id == move_line.owner_id)
            settled = returned.omni_consign_bill_line_ids.filtered(
                lambda line: line.quantity > 0)
            origin = returned.move_id[:1] or move.origin_returned_move_id
            price = settled[:1].price_unit if settled else agreement._unit_price(
                product, origin._omni_consign_sale_unit_price() if origin else None)
            reason = self.env._("returned by the customer")
        else:
            price = agreement._unit_price(product, move._omni_consign_sale_unit_price())
            reason = {
                "customer": self.env._("sold"),
                "inventory": self.env._("scrapped") if move.scrapped
                or move_line.location_dest_id.scrap_location else self.env._("lost"),
                "production": self.env._("consumed in production"),
            }[move_line.location_dest_id.usage]
        reference = move_line.reference or move.reference or move.name
        return {
            "product_id": product.id,
            "name": f"{reference}: {product.display_name} ({reason})",
            "quantity": sign * move_line.quantity_product_uom,
            "product_uom_id": product.uom_id.id,
            "price_unit": price,
            "omni_consign_move_line_id": move_line.id,
        }
