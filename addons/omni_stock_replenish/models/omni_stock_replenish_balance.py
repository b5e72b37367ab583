# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Balancing proposals: move stock from a node holding more than N weeks of cover to
a node below its safety stock, when moving is cheaper than losing the sale (margin)
or than holding the excess and buying again; and rescues: a node that runs out before
its next receipt gets stock from the node with the most above its own safety stock +
lead-time demand, when moving costs less than the lost margin
(``tools.replenish_formula.balance``).

A proposal becomes plain draft transfers through the company's transit location (a
transfer-request addon with approvals plugs in through
``_prepare_balancing_transfer_vals``)."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import replenish_formula as rf

MANAGER = "stock.group_stock_manager"
STATES = [("proposed", "Proposed"), ("done", "Transfer Created"), ("dismissed", "Dismissed")]


class OmniStockReplenishBalance(models.Model):
    _name = "omni.stock.replenish.balance"
    _description = "Balancing Proposal"
    _order = "state, id desc"
    _rec_name = "product_id"

    product_id = fields.Many2one("product.product", required=True, readonly=True,
                                 index=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    source_warehouse_id = fields.Many2one("stock.warehouse", "From", required=True,
                                          readonly=True, ondelete="cascade")
    dest_warehouse_id = fields.Many2one("stock.warehouse", "To", required=True,
                                        readonly=True, ondelete="cascade")
    quantity = fields.Float(required=True, readonly=True, digits="Product Unit of Measure")
    unit_transfer_cost = fields.Float(readonly=True)
    unit_value_saved = fields.Float(
        "Value per Unit Moved", readonly=True,
        help="Margin of the sale saved, or the holding cost avoided, per unit.")
    reason = fields.Selection([("lost sale", "Avoids a lost sale"),
                               ("holding cost", "Cheaper than holding and buying"),
                               ("rescue", "Rescue: runs out before its next receipt")],
                              readonly=True)
    note = fields.Char("Why", readonly=True,
                       help="The figures that made the proposal.")
    source_cover_weeks = fields.Float("From: Weeks of Cover", readonly=True, digits=(16, 1))
    dest_on_hand = fields.Float("To: On Hand", readonly=True)
    dest_safety = fields.Float("To: Safety Stock", readonly=True)
    state = fields.Selection(STATES, default="proposed", required=True, readonly=True,
                             index=True)
    run_id = fields.Many2one("omni.stock.replenish.run", readonly=True, ondelete="set null")
    picking_ids = fields.Many2many("stock.picking", string="Transfers", readonly=True)

    # ------------------------------------------------------------------
    # proposing
    # ------------------------------------------------------------------
    @api.model
    def _propose(self, company, warehouses=None, run=None, products=None):
        """Replace the open proposals from the current recommendations."""
        domain = [("company_id", "=", company.id)]
        if warehouses:
            domain.append(("warehouse_id", "in", warehouses.ids))
        if products:
            domain.append(("product_id", "in", products.ids))
        recs = self.env["omni.stock.replenish.recommendation"].search(domain)
        open_domain = [("company_id", "=", company.id), ("state", "=", "proposed")]
        if products:
            open_domain.append(("product_id", "in", products.ids))
        self.search(open_domain).unlink()
        by_product = {}
        for rec in recs:
            by_product.setdefault(rec.product_id, []).append(rec)
        on_way = self._on_way(company)
        today = self.env["omni.stock.replenish.recommendation"]._as_of()
        cost = company.omni_repl_transfer_cost
        vals_list = []
        for product, product_recs in by_product.items():
            if len(product_recs) < 2:
                continue
            margin = max(product.lst_price - product.standard_price, 0.0)
            nodes = {
                rec.warehouse_id.id: {
                    "on_hand": rec.on_hand,
                    "position": rec.on_hand + on_way.get((product.id, rec.warehouse_id.id), 0.0),
                    "on_way": on_way.get((product.id, rec.warehouse_id.id), 0.0),
                    "next_receipt_days": (rec.next_receipt_date - today).days
                    if rec.next_receipt_date else None,
                    "name": rec.warehouse_id.name,
                    "daily": rec.daily_demand,
                    "safety": rec.safety_qty, "min": rec.min_qty, "max": rec.max_qty,
                    "margin": margin, "lead_days": rec.lead_time_mean,
                    "unit_cost": product.standard_price, "weeks": rec.weeks_of_cover,
                } for rec in product_recs
            }
            for src, dst, qty, unit_cost, reason, note in rf.balance(
                    nodes, company.omni_repl_balance_weeks,
                    lambda s, d, p=product: self._transfer_unit_cost(company, p, s, d, cost)):
                vals_list.append({
                    "product_id": product.id, "company_id": company.id,
                    "source_warehouse_id": src, "dest_warehouse_id": dst,
                    "quantity": qty, "unit_transfer_cost": unit_cost, "reason": reason,
                    "unit_value_saved": margin if reason in ("lost sale", "rescue") else None,
                    "note": note,
                    "source_cover_weeks": nodes[src]["weeks"],
                    "dest_on_hand": nodes[dst]["on_hand"],
                    "dest_safety": nodes[dst]["safety"],
                    "run_id": run.id if run else False,
                })
        return self.create(vals_list)

    @api.model
    def _on_way_domain(self, company):
        """The acted-on proposals whose goods are on their way to the receiver: their
        transfers are created and not received."""
        return [("company_id", "=", company.id), ("state", "=", "done"),
                ("picking_ids.state", "not in", ("done", "cancel"))]

    @api.model
    def _on_way(self, company):
        """{(product id, warehouse id): units}: balancing transfers on their way
        (``_on_way_domain``): the receiver has them."""
        on_way = {}
        for sent in self.search(self._on_way_domain(company)):
            key = (sent.product_id.id, sent.dest_warehouse_id.id)
            on_way[key] = on_way.get(key, 0.0) + sent.quantity
        return on_way

    @api.model
    def _transfer_unit_cost(self, company, product, source, dest, default):
        """Cost of moving one unit from ``source`` to ``dest`` (hook: per lane, per
        weight...): the company's flat cost per unit."""
        return default

    # ------------------------------------------------------------------
    # acting on a proposal
    # ------------------------------------------------------------------
    def _ensure_can_act(self):
        if not self.env.user.has_group(MANAGER):
            raise AccessError(self.env._("Only inventory managers can act on balancing "
                                         "proposals."))
        self.check_access("read")
        if any(p.state != "proposed" for p in self):
            raise UserError(self.env._("Only proposed balancing can be acted on."))

    def _prepare_balancing_transfer_vals(self):
        """The two legs of the transfer (source → transit, transit → destination), as
        draft picking values. A transfer-request addon overrides this (or the action)
        to route the proposal through its approvals instead."""
        self.ensure_one()
        transit = self.company_id.internal_transit_location_id
        if not transit:
            raise UserError(self.env._("The company has no transit location."))
        src, dst = self.source_warehouse_id, self.dest_warehouse_id
        origin = self.env._("Balancing %(from)s → %(to)s", **{"from": src.code, "to": dst.code})

        def leg(picking_type, source, dest):
            return {
                "picking_type_id": picking_type.id, "location_id": source.id,
                "location_dest_id": dest.id, "origin": origin,
                "company_id": self.company_id.id,
                "move_ids": [fields.Command.create({
                    "name": self.product_id.display_name, "product_id": self.product_id.id,
                    "product_uom_qty": self.quantity, "product_uom": self.product_id.uom_id.id,
                    "location_id": source.id, "location_dest_id": dest.id,
                    "company_id": self.company_id.id,
                })],
            }
        return [leg(src.int_type_id, src.lot_stock_id, transit),
                leg(dst.in_type_id, transit, dst.lot_stock_id)]

    def action_create_transfer(self):
        self._ensure_can_act()
        # earned: _ensure_can_act (inventory manager, read access incl. company rules)
        Picking = self.env["stock.picking"].sudo()
        for proposal in self.sudo():
            pickings = Picking.create(proposal._prepare_balancing_transfer_vals())
            if len(pickings) == 2:
                # the receiving leg waits for the sending one
                pickings[0].move_ids.write({"move_dest_ids": [
                    fields.Command.link(move.id) for move in pickings[1].move_ids]})
            proposal.write({"state": "done", "picking_ids": [(6, 0, pickings.ids)]})
        return self.action_view_transfers() if len(self) == 1 else True

    def action_dismiss(self):
        self._ensure_can_act()
        # earned: _ensure_can_act above
        self.sudo().write({"state": "dismissed"})
        return True

    def action_view_transfers(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "res_model": "stock.picking",
            "name": self.env._("Balancing Transfers"), "view_mode": "list,form",
            "domain": [("id", "in", self.picking_ids.ids)],
        }

    @api.model
    def action_propose(self):
        """Propose from the current recommendations (managers)."""
        if not self.env.user.has_group(MANAGER):
            raise AccessError(self.env._("Only inventory managers can propose balancing."))
        # earned: the manager's right is checked above
        self.sudo()._propose(self.env.company)
        return {"type": "ir.actions.client", "tag": "reload"}
