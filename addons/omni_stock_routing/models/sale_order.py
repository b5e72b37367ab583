"""Routing of sale orders: at confirmation, again when a node cannot pick, on a
manager's override. Each time a decision is stored with its ranked plans and reason."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare, float_is_zero


class SaleOrder(models.Model):
    _inherit = "sale.order"

    omni_routing_decision_ids = fields.One2many(
        "omni.stock.routing.decision", "order_id", string="Routing Decisions")
    omni_routing_reason = fields.Text(
        "Routing", compute="_compute_omni_routing", help="The last routing decision in words.")
    omni_routing_state = fields.Selection(
        [("none", "Not routed"), ("routed", "Routed"), ("unroutable", "No node")],
        compute="_compute_omni_routing")
    omni_routing_pickup_warehouse_id = fields.Many2one(
        "stock.warehouse", "Pickup Store", check_company=True,
        domain="[('omni_routing_pickup', '=', True)]",
        help="The customer collects the order at this store: it ships from there when it "
        "can, else to there.")

    @api.depends("omni_routing_decision_ids.reason", "omni_routing_decision_ids.state")
    def _compute_omni_routing(self):
        for order in self:
            # earned: the order's own decisions, read for the order the caller reads
            last = order.sudo()._omni_last_decision()
            order.omni_routing_reason = last.reason or False
            order.omni_routing_state = "none" if not last else (
                "unroutable" if last.state == "unroutable" else "routed")

    def _omni_last_decision(self):
        self.ensure_one()
        return self.omni_routing_decision_ids.sorted("id", reverse=True)[:1]

    def _omni_is_routed(self):
        self.ensure_one()
        return bool(self.omni_channel_id.routing_enabled)

    # ------------------------------------------------------------ decisions

    def _omni_destination(self):
        return self.omni_routing_pickup_warehouse_id.partner_id or self.partner_shipping_id

    def _omni_route(self, needs, lines, kind="route", exclude=(), note=None, force=None):
        """Route ``needs`` ``{product: qty}`` of ``lines``; store the decision; point the
        lines at their nodes. :return: the decision."""
        self.ensure_one()
        # earned: routing is the server's (confirmation, re-route, checked override): it
        # reads every node's stock and capacity of the order's channel
        router = self.env["omni.stock.router"].sudo()
        channel = self.omni_channel_id.sudo()
        pickup = self.omni_routing_pickup_warehouse_id
        if force:
            exclude = tuple(set(router._nodes(channel).ids) - set(force.ids))
        chosen, plans, days = router.choose(
            channel, self._omni_destination(), needs, exclude=exclude, pickup=pickup)
        if force and not chosen:
            raise UserError(self.env._(
                "%(node)s cannot serve these lines now (stock, exclusions or capacity).",
                node=force.display_name))
        vals = {
            "order_id": self.id, "channel_id": channel.id, "kind": kind, "note": note,
            "state": "done" if chosen else "unroutable",
            "reason": router._reason(plans, self.currency_id or self.company_id.currency_id,
                                     needs, chosen),
            "plan_ids": router._prepare_plan_vals(plans, chosen),
        }
        if chosen:
            promise = router.promise_date(chosen)
            nodes = chosen.assignment()
            carriers = {s.node.node_id: s.carrier for s in chosen.shipments}
            assignments = []
            for line in lines:
                node = nodes.get(line.product_id.id)
                quantity = needs.get(line.product_id)
                if not node or not quantity:
                    continue
                assignments.append(fields.Command.create({
                    "sale_line_id": line.id, "product_id": line.product_id.id,
                    "quantity": self._omni_line_share(line, needs, lines),
                    "warehouse_id": node, "capacity_date": days[node],
                    "promise_date": promise, "carrier": carriers[node],
                    "pickup": bool(pickup and pickup.id == node),
                }))
            vals.update(total_cost=chosen.total, splits=chosen.splits, promise_date=promise,
                        assignment_ids=assignments)
        # earned: decisions are written by the server only (no user has create rights)
        decision = self.env["omni.stock.routing.decision"].sudo().create(vals)
        if chosen:
            for line in lines:
                node = nodes.get(line.product_id.id)
                if node:
                    # earned: the routed node of the line, set by the router
                    line.sudo().omni_routing_warehouse_id = node
        return decision

    @api.model
    def _omni_line_share(self, line, needs, lines):
        """What of ``needs[product]`` is this line's (lines of one product share it)."""
        same = [ln for ln in lines if ln.product_id == line.product_id]
        if len(same) == 1:
            return needs[line.product_id]
        return line.product_uom._compute_quantity(line.product_uom_qty, line.product_id.uom_id)

    def _omni_route_at_confirmation(self):
        for order in self:
            lines = order.order_line.filtered(
                lambda ln: ln.product_id.is_storable and not ln.display_type)
            needs = order._omni_storable_needs()
            if needs:
                order._omni_route(needs, lines)

    def _action_confirm(self):
        self.filtered(lambda o: o._omni_is_routed() and not o.omni_routing_decision_ids) \
            ._omni_route_at_confirmation()
        return super()._action_confirm()

    def _action_cancel(self):
        result = super(SaleOrder, self.with_context(omni_routing_cancelling=True))._action_cancel()
        # earned: the caller cancelled the order (its write access): its nodes' capacity back
        active = self.sudo().omni_routing_decision_ids.assignment_ids.filtered(
            lambda a: a.state == "active")
        if active:
            active.write({"state": "cancelled"})
            self.env["omni.stock.router"].sudo().release(active)
        return result

    # ------------------------------------------------------------ re-routing

    def _omni_reroute_reasons(self):
        return {
            "pick_short": self.env._("pick short"),
            "cancelled": self.env._("the node cancelled its shipment"),
            "offline": self.env._("store offline"),
            "override": self.env._("manager override"),
        }

    def _omni_reroute(self, moves, quantities=None, reason="cancelled", note=None, force=None):
        """Route again what ``moves`` (of this order's routed lines) can no longer ship.

        :param quantities: ``{move: quantity}`` the node cannot ship (default: all that is
            still open of each move); the rest stays with the node.
        :param force: a warehouse a manager chose instead (override).
        """
        self.ensure_one()
        quantities = quantities or {}
        needs = defaultdict(float)
        lines = self.env["sale.order.line"]
        from_nodes = self.env["stock.warehouse"]
        given_back = defaultdict(float)  # (line, node): units the node will not ship
        for move in moves.filtered(lambda m: m.state not in ("done", "cancel")):
            line = move.sale_line_id
            if not line or line.order_id != self:
                continue
            rounding = move.product_id.uom_id.rounding
            open_qty = move.product_qty - (move.quantity if move.picked else 0.0)
            missing = min(quantities.get(move, open_qty), open_qty)
            if float_is_zero(missing, precision_rounding=rounding):
                continue
            node = move.warehouse_id or move.location_id.warehouse_id
            needs[move.product_id] += missing
            lines |= line
            from_nodes |= node
            given_back[line, node] += missing
            if float_compare(missing, move.product_qty, precision_rounding=rounding) >= 0:
                move._action_cancel()
            else:
                move._do_unreserve()
                move.product_uom_qty = move.product_uom._compute_quantity(
                    move.product_qty - missing, move.product_uom)
                move._action_assign()
        if not needs:
            return self.env["omni.stock.routing.decision"]
        # what these nodes will not ship any more: closed, or reduced, and its capacity
        # given back
        # earned: the order's own assignments, closed by the server's re-route
        released, units = self.env["omni.stock.routing.assignment"], {}
        for assignment in self.sudo().omni_routing_decision_ids.assignment_ids.filtered(
                lambda a: a.state == "active").sorted("id"):
            key = (assignment.sale_line_id, assignment.warehouse_id)
            take = min(given_back.get(key, 0.0), assignment.quantity)
            if take <= 0:
                continue
            given_back[key] -= take
            released |= assignment
            units[assignment] = take
            if float_compare(take, assignment.quantity,
                             precision_rounding=assignment.product_id.uom_id.rounding) >= 0:
                assignment.state = "rerouted"
            else:
                assignment.quantity -= take
        self.env["omni.stock.router"].sudo().release(released, units)
        label = self._omni_reroute_reasons().get(reason, reason)
        decision = self._omni_route(
            dict(needs), lines, kind="override" if force else "reroute",
            exclude=() if force else tuple(from_nodes.ids),
            note=" - ".join(filter(None, [label, note])), force=force)
        if decision.state == "done":
            # earned: the procurement of the re-routed lines (Odoo's own stock rules)
            lines.sudo()._action_launch_stock_rule()
        # earned: the order's log, written by the server's re-route (a picker may not
        # read sale orders)
        self.sudo().message_post(body=self.env._(
            "Re-routed (%(reason)s): %(words)s", reason=decision.note,
            words=decision.reason))
        return decision

    def action_omni_routing_override(self, warehouse, lines=None, note=None):
        """A manager sends ``lines`` (default: every open routed line) to ``warehouse``."""
        self.ensure_one()
        if not self.env.user.has_group("omni_stock.group_omni_manager"):
            raise AccessError(self.env._("Only omnichannel managers override a routing."))
        self.check_access("write")
        if not (note or "").strip():
            raise UserError(self.env._("Say why you override the routing."))
        if self.state != "sale":
            raise UserError(self.env._("Only confirmed orders are routed."))
        warehouse.ensure_one()
        lines = lines or self.order_line
        moves = lines._omni_open_moves()
        moves = moves.filtered(lambda m: (m.warehouse_id or m.location_id.warehouse_id)
                               != warehouse)
        if not moves:
            raise UserError(self.env._("Nothing open to send to %s.", warehouse.name))
        return self._omni_reroute(moves, reason="override", note=note, force=warehouse)

    # ------------------------------------------------------------ API

    def _omni_routing_api(self):
        """``[{sku, qty, node, node_name, promise_date, pickup}]`` of the active routing."""
        self.ensure_one()
        # earned: the integration's own order (its hold made it), routing read for the API
        assignments = self.sudo().omni_routing_decision_ids.assignment_ids.filtered(
            lambda a: a.state == "active").sorted("id")
        return [{
            "sku": a.product_id.default_code, "qty": a.quantity,
            "node": a.warehouse_id.code, "node_name": a.warehouse_id.name,
            "promise_date": a.promise_date and a.promise_date.isoformat(),
            "pickup": a.pickup,
        } for a in assignments]
