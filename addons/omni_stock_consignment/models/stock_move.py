# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero

from .stock_quant import OwnerPolicy, owner_policy


def spread(todo, offers, rounding):
    """Take ``todo`` from ``offers`` (``(key, free)`` pairs, in order of preference):
    ``({key: taken}, rest)``, keys in the order they were first taken from, ``rest``
    what the offers could not cover."""
    taken = {}
    for key, free in offers:
        take = min(todo, free)
        if float_compare(take, 0.0, precision_rounding=rounding) <= 0:
            continue
        taken[key] = taken.get(key, 0.0) + take
        todo -= take
        if float_is_zero(todo, precision_rounding=rounding):
            break
    return taken, todo


class StockMove(models.Model):
    _inherit = "stock.move"

    omni_consign_returned_line_ids = fields.Many2many(
        "stock.move.line", "omni_consign_returned_move_line_rel", "move_id", "move_line_id",
        string="Returned Delivery Lines", readonly=True, copy=False,
        help="The delivered units this customer return brings back when it is not a "
        "return of one delivery move (a refund at the till): their owners get them back.")

    # ------------------------------------------------------------------ channel

    def _omni_consign_channel(self):
        """The sales channel this move serves (empty: no channel, no owner rule).
        Extended by the POS glue for the moves of POS orders."""
        self.ensure_one()
        return (self.sale_line_id.order_id.omni_channel_id
                or self.group_id.sale_id.omni_channel_id)

    def _omni_consign_owner_policy(self):
        """Whose units this move may reserve when it names no owner, and in which order:
        own stock and the owners whose active agreement lists the move's channel or, for
        a move serving no channel (manual delivery, internal transfer, replenishment),
        the owners whose agreement lets such moves take their units."""
        self.ensure_one()
        agreements = self.env["omni.stock.consignment.agreement"]
        channel = self._omni_consign_channel()
        if channel:
            allowed = agreements._allowed_owner_ids(channel)
        else:
            allowed = agreements._unchanneled_owner_ids(self.company_id)
        first = agreements._consume_first_owner_ids(allowed)
        named = self.restrict_partner_id
        if named and named != self.company_id.partner_id:
            # a move naming an owner (the transfer's Owner) takes its units, first
            allowed, first = [*allowed, named.id], {*first, named.id}
        return OwnerPolicy(
            own_partner_id=self.company_id.partner_id.id,
            allowed_owner_ids=tuple(allowed),
            first_owner_ids=frozenset(first),
        )

    def _update_reserved_quantity(self, need, location_id, lot_id=None, package_id=None,
                                  owner_id=None, strict=True):
        if strict or owner_id:
            return super()._update_reserved_quantity(
                need, location_id, lot_id=lot_id, package_id=package_id,
                owner_id=owner_id, strict=strict)
        with owner_policy(self._omni_consign_owner_policy()):
            return super()._update_reserved_quantity(
                need, location_id, lot_id=lot_id, package_id=package_id,
                owner_id=owner_id, strict=strict)

    def _get_available_quantity(self, location_id, lot_id=None, package_id=None,
                                owner_id=None, strict=False, allow_negative=False):
        # what the move could reserve: the units of the owners it may take
        if strict or owner_id or location_id.should_bypass_reservation():
            return super()._get_available_quantity(
                location_id, lot_id=lot_id, package_id=package_id, owner_id=owner_id,
                strict=strict, allow_negative=allow_negative)
        with owner_policy(self._omni_consign_owner_policy()):
            return super()._get_available_quantity(
                location_id, lot_id=lot_id, package_id=package_id, owner_id=owner_id,
                strict=strict, allow_negative=allow_negative)

    def _set_quantity_done_prepare_vals(self, qty):
        """A quantity typed beyond what is reserved takes, like a reservation, the units
        this move may take in the agreements' order (Odoo would take own stock only,
        leaving it negative while the vendor's units sit on the shelf)."""
        commands = super()._set_quantity_done_prepare_vals(qty)
        if (self.location_id.usage != "internal" or self.restrict_partner_id
                or self.location_id.should_bypass_reservation()):
            return commands
        return [part for command in commands
                for part in self._omni_consign_split_typed(command)]

    def _omni_consign_split_typed(self, command):
        """``command`` as commands per owner and location: a new line naming no owner is
        spread over the free units of the owners this move may take (own units
        included), in the policy's order; what exceeds them stays one line of own stock."""
        if command[0] != 0 or command[2].get("owner_id") or command[2].get("lot_id") \
                or command[2].get("package_id"):
            return [command]
        vals = command[2]
        uom = self.env["uom.uom"].browse(vals["product_uom_id"])
        todo = uom._compute_quantity(vals["quantity"], self.product_id.uom_id)
        rounding = self.product_id.uom_id.rounding
        with owner_policy(self._omni_consign_owner_policy()):
            quants = self.env["stock.quant"]._gather(
                self.product_id, self.location_id).filtered(lambda q: not q.lot_id)
        parts, todo = spread(todo, (
            ((quant.owner_id.id, quant.location_id.id),
             quant.quantity - quant.reserved_quantity) for quant in quants), rounding)
        if not any(owner for owner, _location in parts):
            return [command]  # own units only: Odoo's own line
        if float_compare(todo, 0.0, precision_rounding=rounding) > 0:
            key = (False, vals.get("location_id"))
            parts[key] = parts.get(key, 0.0) + todo
        return [
            (0, 0, self._prepare_omni_consign_typed_line_vals(vals, owner, location, qty))
            for (owner, location), qty in parts.items()
        ]

    def _prepare_omni_consign_typed_line_vals(self, vals, owner_id, location_id, quantity):
        return {**vals, "owner_id": owner_id, "location_id": location_id,
                "quantity": self.product_id.uom_id._compute_quantity(
                    quantity, self.env["uom.uom"].browse(vals["product_uom_id"]))}

    # ------------------------------------------------------------------ returns

    def _omni_consign_returned_lines(self):
        """The done move lines of the delivery this customer return brings back (empty:
        not a customer return): those of the move it returns, or those it names (a refund
        at the till, by the POS glue)."""
        self.ensure_one()
        if self.location_id.usage != "customer":
            return self.env["stock.move.line"]
        if self.omni_consign_returned_line_ids:
            return self.omni_consign_returned_line_ids
        return self.origin_returned_move_id.move_line_ids.filtered(
            lambda ml: ml.state == "done" and ml.product_id == self.product_id)

    def _omni_consign_owner_key(self, owner):
        """``owner`` as the returns count it: empty for own stock."""
        return owner if owner and owner != self.company_id.partner_id else owner.browse()

    def _omni_consign_returnable(self, returned):
        """``{owner: quantity}`` (empty owner: own units), in the order the delivery's
        units left: the units of ``returned`` that no other done return brought back."""
        left = {}
        for ml in returned.sorted("id"):
            key = self._omni_consign_owner_key(ml.owner_id)
            left[key] = left.get(key, 0.0) + ml.quantity_product_uom
        others = self.search([
            ("id", "not in", self.ids), ("state", "=", "done"),
            ("product_id", "=", self.product_id.id),
            ("location_id.usage", "=", "customer"),
            "|", ("origin_returned_move_id", "in", returned.move_id.ids),
            ("omni_consign_returned_line_ids", "in", returned.ids),
        ])
        for ml in others.move_line_ids.filtered(lambda line: line.state == "done"):
            key = self._omni_consign_owner_key(ml.owner_id)
            if key in left:
                left[key] -= ml.quantity_product_uom
        return left

    def _omni_consign_fit_return(self):
        """Give each owner back its units: the lines of a customer return of consigned
        units that name no owner are split over the owners of the returned delivery,
        each up to what it delivered and has not had back yet, in the order the units
        left; a line naming an owner (the company: own stock) is checked against what
        that owner delivered. What exceeds the delivery stays own stock."""
        for move in self.filtered(lambda m: m.state not in ("done", "cancel")):
            returned = move._omni_consign_returned_lines()
            own = move.company_id.partner_id
            if not returned or not (returned.owner_id | move.move_line_ids.owner_id) - own:
                continue
            left = move._omni_consign_returnable(returned)
            rounding = move.product_id.uom_id.rounding
            lines = move.move_line_ids.sorted("id")
            unowned = lines.browse()
            for ml in lines:
                if not ml.owner_id:
                    unowned |= ml
                    continue
                key = move._omni_consign_owner_key(ml.owner_id)
                if float_compare(ml.quantity_product_uom, left.get(key, 0.0),
                                 precision_rounding=rounding) > 0:
                    raise UserError(move.env._(
                        "%(qty)s %(product)s of %(owner)s cannot come back on %(move)s: "
                        "the returned delivery has %(left)s of its units not returned yet.",
                        qty=ml.quantity_product_uom, product=move.product_id.display_name,
                        owner=ml.owner_id.display_name, move=move.reference or move.name,
                        left=max(left.get(key, 0.0), 0.0)))
                left[key] -= ml.quantity_product_uom
            for ml in unowned:
                move._omni_consign_split_return_line(ml, left)

    def _omni_consign_split_return_line(self, move_line, left):
        """Split ``move_line`` (no owner) over the owners' units ``left`` (consumed)."""
        rounding = self.product_id.uom_id.rounding
        taken, todo = spread(move_line.quantity_product_uom, list(left.items()), rounding)
        for owner, take in taken.items():
            left[owner] -= take
        parts = list(taken.items())
        if float_compare(todo, 0.0, precision_rounding=rounding) > 0:
            parts.append((move_line.owner_id.browse(), todo))
        if not parts or (len(parts) == 1 and not parts[0][0]):
            return
        uom = self.product_id.uom_id
        first, *others = parts
        for owner, qty in others:
            move_line.copy(self._prepare_omni_consign_return_line_vals(
                move_line, owner, uom._compute_quantity(qty, move_line.product_uom_id)))
        move_line.write(self._prepare_omni_consign_return_line_vals(
            move_line, first[0], uom._compute_quantity(first[1], move_line.product_uom_id)))

    def _prepare_omni_consign_return_line_vals(self, move_line, owner, quantity):
        return {"owner_id": owner.id, "quantity": quantity, "picked": move_line.picked}

    def _action_assign(self, force_qty=False):
        res = super()._action_assign(force_qty=force_qty)
        self.filtered(lambda m: m.location_id.usage == "customer")._omni_consign_fit_return()
        return res

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
        self.filtered(lambda m: m.location_id.usage == "customer")._omni_consign_fit_return()
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        moves.move_line_ids._omni_consign_settle()
        return moves
