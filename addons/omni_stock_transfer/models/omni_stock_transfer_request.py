# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero

from .omni_stock_approval_mixin import APPROVAL_FIELDS
from .omni_stock_transfer_rule import TRANSFER_REASONS

STATES = [
    ("draft", "Draft"),
    ("to_approve", "To Approve"),
    ("approved", "Approved"),
    ("shipped", "In Transit"),
    ("received", "Received"),
    ("rejected", "Rejected"),
    ("cancel", "Cancelled"),
]
SERVER_FIELDS = APPROVAL_FIELDS | {
    "state", "picking_out_id", "picking_in_id", "shipped_at", "received_at"}
# what was submitted is what is approved and shipped: frozen after the draft
FROZEN_FIELDS = {"company_id", "warehouse_id", "warehouse_dest_id", "reason", "line_ids"}


class OmniStockTransferRequest(models.Model):
    """A store asks another store or the warehouse for goods. Submitted, it is
    approved at once or waits for an approver (``omni.stock.transfer.rule``);
    approved, it becomes Odoo's own two-step transfer through the company's transit
    location: source -> transit (shipping), transit -> destination (receiving)."""

    _name = "omni.stock.transfer.request"
    _description = "Store Transfer Request"
    _inherit = ["mail.thread", "mail.activity.mixin", "omni.stock.approval.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _mail_post_access = "read"

    name = fields.Char(required=True, readonly=True, copy=False,
                       default=lambda self: self.env._("New"))
    state = fields.Selection(STATES, default="draft", required=True, readonly=True,
                             copy=False, index=True, tracking=True)
    company_id = fields.Many2one("res.company", required=True, index=True,
                                 default=lambda self: self.env.company)
    warehouse_id = fields.Many2one("stock.warehouse", "From", required=True, check_company=True,
                                   tracking=True)
    warehouse_dest_id = fields.Many2one("stock.warehouse", "To", required=True,
                                        check_company=True, tracking=True)
    reason = fields.Selection(TRANSFER_REASONS, required=True, default="replenish",
                              tracking=True)
    note = fields.Text()
    date_needed = fields.Date("Needed By")
    line_ids = fields.One2many("omni.stock.transfer.request.line", "request_id", "Lines",
                               copy=True)
    picking_out_id = fields.Many2one("stock.picking", "Shipping", readonly=True, copy=False)
    picking_in_id = fields.Many2one("stock.picking", "Receiving", readonly=True, copy=False)
    picking_ids = fields.One2many("stock.picking", "omni_transfer_request_id", readonly=True)
    shipped_at = fields.Datetime(readonly=True, copy=False)
    received_at = fields.Datetime(readonly=True, copy=False)
    variance_ids = fields.One2many("omni.stock.transit.variance", "request_id", readonly=True)
    variance_count = fields.Integer(compute="_compute_variance_count")
    quantity_total = fields.Float("Units", compute="_compute_quantity_total",
                                  digits="Product Unit of Measure")

    _sql_constraints = [
        ("omni_transfer_two_ends", "CHECK(warehouse_id != warehouse_dest_id)",
         "A transfer goes from one warehouse or store to another."),
    ]

    @api.depends("variance_ids")
    def _compute_variance_count(self):
        for request in self:
            request.variance_count = len(request.variance_ids)

    @api.depends("line_ids.quantity")
    def _compute_quantity_total(self):
        for request in self:
            request.quantity_total = sum(request.line_ids.mapped("quantity"))

    # ------------------------------------------------------------------ guard
    @api.model
    def _omni_protected_fields(self):
        return SERVER_FIELDS

    def write(self, vals):
        if FROZEN_FIELDS & set(vals):
            self._omni_check_draft()
        return super().write(vals)

    def _omni_check_draft(self):
        for request in self:
            if request.state != "draft":
                raise UserError(self.env._(
                    "%s was submitted: its stores, reason and lines no longer change "
                    "(cancel it and make a new one).", request.name))

    def unlink(self):
        self._omni_check_draft()
        return super().unlink()

    # ------------------------------------------------------------------ submit
    def _omni_check_submittable(self):
        for request in self:
            request._omni_check_draft()
            if not request.line_ids:
                raise UserError(self.env._("Add the products to transfer to %s.", request.name))
            if not request.company_id.internal_transit_location_id:
                raise UserError(self.env._(
                    "Company %s has no inter-warehouse transit location.",
                    request.company_id.name))
            for line in request.line_ids:
                if float_compare(line.quantity, 0,
                                 precision_rounding=line.product_id.uom_id.rounding) <= 0:
                    raise UserError(self.env._("%(request)s: the quantity of %(product)s must "
                                               "be positive.", request=request.name,
                                               product=line.product_id.display_name))
            if len(request.line_ids.product_id) != len(request.line_ids):
                raise UserError(self.env._("%s: one line per product.", request.name))

    def action_submit(self):
        """Send for approval when a rule says so; else approved and shipped at once."""
        self.check_access("write")
        self._omni_check_submittable()
        for request in self:
            if request.name == self.env._("New"):
                # earned: the request's number, the submitter may write the request
                request._omni_server_write({"name": self.env["ir.sequence"].sudo().next_by_code(
                    self._name) or request.name})
            reasons = request._omni_approval_reasons()
            if reasons:
                request._omni_server_write({"state": "to_approve"})
            request._omni_submit_for_approval(reasons)
        return True

    def _omni_approval_facts(self):
        """What the rules read: value, quantity and the lines that would leave the
        source below its safety stock (Odoo's reordering rules' minimum)."""
        self.ensure_one()
        lines = self.line_ids
        # earned: the cost of the request's own products, read by the rules, never shown
        value = sum(line.quantity * line.product_id.sudo().standard_price for line in lines)
        figures = lines._omni_ats_by_node()
        safety = self._omni_safety_stock()
        below = []
        for line in lines:
            minimum = safety.get(line.product_id.id, 0.0)
            if not minimum:
                continue
            after = figures[line.request_id.warehouse_id].get(
                line.product_id.id, {}).get("ats", 0.0) - line.quantity
            if float_compare(after, minimum,
                             precision_rounding=line.product_id.uom_id.rounding) < 0:
                below.append((line.product_id, after, minimum))
        return {"value": value, "quantity": sum(lines.mapped("quantity")),
                "below_safety": below}

    def _omni_safety_stock(self):
        """{product id: minimum} of the source's reordering rules."""
        self.ensure_one()
        # earned: the reordering minimums of the request's own products at its source
        groups = self.env["stock.warehouse.orderpoint"].sudo()._read_group(
            [("warehouse_id", "=", self.warehouse_id.id),
             ("product_id", "in", self.line_ids.product_id.ids)],
            ["product_id"], ["product_min_qty:sum"])
        return {product.id: minimum for product, minimum in groups}

    def _omni_approval_reasons(self):
        self.ensure_one()
        # earned: the company's rules, evaluated for the request being submitted
        rules = self.env["omni.stock.transfer.rule"].sudo().search(
            [("company_id", "=", self.company_id.id)])
        if not rules:
            return []
        facts = self._omni_approval_facts()
        return [msg for msg in (rule._omni_match(self, facts) for rule in rules) if msg]

    # ------------------------------------------------------------------ decisions
    def _prepare_audit_vals(self, event):
        """One audit line per product: from the source's stock to the destination's."""
        self.ensure_one()
        common = self._prepare_audit_common_vals(event)
        # earned: the cost of the request's own products, for the log's finance-only value
        return [{
            **common,
            "source": "transfer",
            "transfer_request_id": self.id,
            "product_id": line.product_id.id,
            "location_id": self.warehouse_id.lot_stock_id.id,
            "location_dest_id": self.warehouse_dest_id.lot_stock_id.id,
            "quantity_delta": -line.quantity,
            "value": line.quantity * line.product_id.sudo().standard_price,
            "note": self.approval_reasons or False,
        } for line in self.line_ids]

    def _omni_on_approved(self):
        self._omni_server_write({"state": "approved"})
        self._omni_create_pickings()

    def _omni_on_rejected(self):
        self._omni_server_write({"state": "rejected"})

    def action_confirm(self):
        """Make the transfer of an approved request (once): refused otherwise."""
        self.check_access("write")
        self._omni_check_approved()
        self._omni_create_pickings()
        return True

    def action_cancel(self):
        self.check_access("write")
        for request in self:
            if request.state in ("shipped", "received", "cancel"):
                raise UserError(self.env._(
                    "%s has left its source: it cannot be cancelled.", request.name))
        # earned: check_access("write") above; the request's own transfers
        self.picking_ids.sudo().action_cancel()
        self.activity_ids.sudo().unlink()
        self._omni_server_write({"state": "cancel"})
        return True

    # ------------------------------------------------------------------ transfers
    def _prepare_picking_vals(self, step):
        """Values of the shipping (``out``: source -> transit) or receiving (``in``:
        transit -> destination) transfer."""
        self.ensure_one()
        transit = self.company_id.internal_transit_location_id
        if step == "out":
            warehouse, src, dest = self.warehouse_id, self.warehouse_id.lot_stock_id, transit
        else:
            warehouse, src, dest = (self.warehouse_dest_id, transit,
                                    self.warehouse_dest_id.lot_stock_id)
        return {
            "picking_type_id": warehouse.int_type_id.id,
            "location_id": src.id,
            "location_dest_id": dest.id,
            "origin": self.name,
            "company_id": self.company_id.id,
            "omni_transfer_request_id": self.id,
            "scheduled_date": fields.Datetime.now(),
            "date_deadline": self.date_needed or False,
        }

    def _omni_create_pickings(self):
        self._omni_check_approved()
        # earned: approved requests only (checked above); the approver or the submitter
        # need not be allowed to make transfers between these stores themselves
        Picking = self.env["stock.picking"].sudo()
        for request in self.filtered(lambda r: not r.picking_out_id):
            in_vals = request._prepare_picking_vals("in")
            in_vals["move_ids"] = [Command.create(line._prepare_move_vals(in_vals))
                                   for line in request.line_ids]
            receiving = Picking.create(in_vals)
            out_vals = request._prepare_picking_vals("out")
            out_vals["move_ids"] = [
                Command.create({**line._prepare_move_vals(out_vals),
                                "move_dest_ids": [Command.link(move.id)]})
                for line, move in zip(request.line_ids, receiving.move_ids, strict=True)]
            shipping = Picking.create(out_vals)
            (shipping | receiving).action_confirm()
            request._omni_server_write({"picking_out_id": shipping.id,
                                        "picking_in_id": receiving.id})

    def _omni_sync_from_pickings(self):
        """After a transfer of the request is done: shipped when nothing is left to
        ship, received (and its variances recorded) when nothing is left to receive."""
        for request in self:
            transit = request.company_id.internal_transit_location_id
            outs = request.picking_ids.filtered(lambda p, t=transit: p.location_dest_id == t)
            ins = request.picking_ids - outs
            vals = {}
            if (request.state == "approved" and outs
                    and all(p.state in ("done", "cancel") for p in outs)):
                vals.update(state="shipped", shipped_at=max(
                    outs.filtered("date_done").mapped("date_done"), default=fields.Datetime.now()))
            if (request.state in ("approved", "shipped") and ins
                    and all(p.state in ("done", "cancel") for p in ins)
                    and any(p.state == "done" for p in ins)):
                vals.update(state="received", received_at=request._omni_received_at(ins))
            if vals:
                request._omni_server_write(vals)
                if vals.get("state") == "received":
                    request._omni_record_variances(outs, ins)

    def _omni_received_at(self, receipts):
        """When the goods arrived: the validation of the last receipt. Hook for the
        scanner (omni_stock_barcode): its last scan of the receipt."""
        return max(receipts.filtered("date_done").mapped("date_done"),
                   default=fields.Datetime.now())

    def _omni_moved(self, pickings):
        """{product id: done quantity in the product's unit} of ``pickings``."""
        done = defaultdict(float)
        for move in pickings.move_ids.filtered(lambda m: m.state == "done"):
            done[move.product_id.id] += move.product_uom._compute_quantity(
                move.quantity, move.product_id.uom_id)
        return done

    def _omni_record_variances(self, shipping, receiving):
        self.ensure_one()
        shipped, received = self._omni_moved(shipping), self._omni_moved(receiving)
        products = self.env["product.product"].browse(set(shipped) | set(received))
        vals_list = []
        for product in products:
            sent, got = shipped.get(product.id, 0.0), received.get(product.id, 0.0)
            if not float_is_zero(sent - got, precision_rounding=product.uom_id.rounding):
                vals_list.append(self._prepare_variance_vals(product, sent, got))
        if vals_list:
            self.env["omni.stock.transit.variance"]._omni_create(vals_list)

    def _prepare_variance_vals(self, product, shipped, received):
        return {
            "request_id": self.id,
            "company_id": self.company_id.id,
            "product_id": product.id,
            "quantity_shipped": shipped,
            "quantity_received": received,
        }

    # ------------------------------------------------------------------ UI
    def action_view_pickings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("stock.action_picking_tree_all")
        action["domain"] = [("omni_transfer_request_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def action_view_variances(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "omni_stock_transfer.omni_stock_transit_variance_action")
        action["domain"] = [("request_id", "=", self.id)]
        return action
