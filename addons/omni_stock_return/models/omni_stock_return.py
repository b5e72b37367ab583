# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A return authorization: one returned order line, from expected to disposed.

Its state changes only through its actions (a server-side marker guards the
workflow fields); every stock change is an ordinary transfer or a scrap.
"""

import math
from collections import defaultdict
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.addons.omni_stock.tools.guard import status_doors
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, float_compare, float_is_zero

from ..tools import return_workflow
from .omni_stock_return_grade import DISPOSITIONS

STATES = [
    ("draft", "Draft"),
    ("expected", "Expected"),
    ("received", "Awaiting Inspection"),
    ("flagged", "Flagged"),
    ("inspected", "Inspected"),
    ("refurbishing", "Refurbishing"),
    ("disposed", "Disposed"),
    ("rejected", "Rejected"),
    ("sent_back", "Sent Back"),
    ("cancel", "Cancelled"),
]
# states of a return that came back and counts against what may still come back
# (a flagged return waits for a decision, a rejected one was not taken back)
COUNTED_STATES = ("received", "inspected", "refurbishing", "disposed")
# written by the workflow only
WORKFLOW_FIELDS = {
    "state", "flag_reason", "flag_note", "picking_id", "received_date", "location_id",
    "decided_by_id", "decision_date", "inspector_id", "inspection_date", "transfer_ids",
    "scrap_id", "resold_date", "disposed_date", "origin_move_id", "receipt_move_id",
}
# what the authorization says: fixed once the goods are on their way
AUTHORIZED_FIELDS = {
    "sale_order_id", "sale_line_id", "product_id", "quantity", "lot_id", "warehouse_id",
    "company_id", "channel_id", "reference", "partner_id",
}
# who authorizes a return ahead (customer service, API) names its order line; the
# returns the gate records when goods come back another way may have none
ORDER_ORIGINS = ("manual", "api")
INSPECTION_FIELDS = {"grade_id", "disposition", "disposition_note"}
RETURN_MANAGER_GROUPS = ("omni_stock_return.group_return_manager",
                         "omni_stock.group_omni_manager")


class OmniStockReturn(models.Model):
    _name = "omni.stock.return"
    _description = "Return Authorization"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    def init(self):
        """The learned yields (``omni.ats._return_yields``) move with every return
        inspected, resold or changed: the change feed hears of the products whose
        expected supply they decide, those of its category with units awaiting
        inspection (``omni_stock_return_yield_products``, also the state's time part)."""
        cr = self.env.cr
        cr.execute("""
            DROP FUNCTION IF EXISTS omni_stock_return_yield_products(integer[]);
            -- plpgsql: never inlined in a reader's statement (planned once per
            -- session, run only for the categories a statement finds)
            CREATE FUNCTION omni_stock_return_yield_products(categs integer[])
            RETURNS SETOF integer LANGUAGE plpgsql STABLE AS $fn$
            BEGIN
                RETURN QUERY
                SELECT DISTINCT q.product_id FROM stock_quant q
                  JOIN stock_location l ON l.id = q.location_id
                  JOIN product_product pp ON pp.id = q.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                 WHERE l.omni_status = 'inspection' AND q.quantity <> 0
                   AND pt.categ_id = ANY(categs);
            END
            $fn$;

            CREATE OR REPLACE FUNCTION omni_stock_change_return_yields() RETURNS trigger
            LANGUAGE plpgsql AS $fn$
            DECLARE
                categs integer[];
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    categs := ARRAY(SELECT categ_id FROM new_rows
                                     WHERE inspection_date IS NOT NULL);
                ELSIF TG_OP = 'DELETE' THEN
                    categs := ARRAY(SELECT categ_id FROM old_rows
                                     WHERE inspection_date IS NOT NULL);
                ELSE
                    categs := ARRAY(
                        SELECT x.categ_id
                          FROM new_rows n JOIN old_rows o ON o.id = n.id,
                               LATERAL (VALUES (n.categ_id), (o.categ_id)) x(categ_id)
                         WHERE ROW(n.categ_id, n.quantity, n.inspection_date, n.resold_date,
                                   n.company_id)
                               IS DISTINCT FROM ROW(o.categ_id, o.quantity, o.inspection_date,
                                                    o.resold_date, o.company_id));
                END IF;
                categs := ARRAY(SELECT DISTINCT c FROM unnest(categs) c WHERE c IS NOT NULL);
                IF cardinality(categs) > 0 THEN
                    PERFORM omni_stock_change_record(
                        ARRAY(SELECT omni_stock_return_yield_products(categs)), NULL);
                END IF;
                RETURN NULL;
            END
            $fn$;
        """)
        self.env["omni.stock.change"]._create_statement_triggers(
            self._table, "omni_stock_change_return_yields", ("INSERT", "UPDATE", "DELETE"))

    name = fields.Char("RMA", readonly=True, copy=False, default="/")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True)
    warehouse_id = fields.Many2one(
        "stock.warehouse", required=True, check_company=True,
        help="The warehouse or store receiving the return.")
    sale_order_id = fields.Many2one("sale.order", check_company=True, index=True)
    sale_line_id = fields.Many2one(
        "sale.order.line", "Order Line", index=True,
        domain="[('order_id', '=', sale_order_id), ('product_id.is_storable', '=', True)]")
    origin_move_id = fields.Many2one(
        "stock.move", "Returned Delivery", readonly=True, copy=False, index="btree_not_null",
        help="The delivery these goods came back from, when the receipt says so (Odoo's "
        "Return button).")
    receipt_move_id = fields.Many2one(
        "stock.move", readonly=True, copy=False, index="btree_not_null",
        help="The move that received the goods.")
    partner_id = fields.Many2one(
        "res.partner", compute="_compute_partner_id", store=True, readonly=False,
        precompute=True)
    product_id = fields.Many2one(
        "product.product", compute="_compute_product_id", store=True, readonly=False,
        precompute=True, index=True, required=True)
    categ_id = fields.Many2one(related="product_id.categ_id", store=True, index=True)
    channel_id = fields.Many2one("omni.channel", check_company=True, index=True)
    reason_id = fields.Many2one("omni.stock.return.reason", "Return Reason", required=True,
                                check_company=True)
    quantity = fields.Float(required=True, default=1.0, digits="Product Unit of Measure")
    lot_id = fields.Many2one(
        "stock.lot", "Lot/Serial", check_company=True,
        domain="[('product_id', '=', product_id)]")
    expected_date = fields.Date(default=fields.Date.context_today)
    reference = fields.Char("External Reference", copy=False, index=True,
                            help="The marketplace's reference of the return (API).")
    origin = fields.Selection(
        [("manual", "Customer Service"), ("api", "API"),
         ("receipt", "Receipt without authorization")], default="manual", required=True,
        help="Customer service and the API authorize a return before it comes back; any "
        "other receipt from a customer (Odoo's Return button, a receipt made by hand, a "
        "refund at a till) gets its return when it is validated.")
    state = fields.Selection(STATES, default="draft", required=True, tracking=True,
                             readonly=True, copy=False, index=True)
    flag_reason = fields.Selection(
        [("excess", "Excess"), ("duplicate", "Duplicate"), ("unknown", "Unknown origin")],
        readonly=True, copy=False, tracking=True)
    flag_note = fields.Char(readonly=True, copy=False)
    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    decision_date = fields.Datetime(readonly=True, copy=False)
    picking_id = fields.Many2one("stock.picking", "Receipt", readonly=True, copy=False)
    received_date = fields.Datetime(readonly=True, copy=False, index=True)
    location_id = fields.Many2one(
        "stock.location", "Current Location", readonly=True, copy=False,
        help="Where the returned goods are now.")
    grade_id = fields.Many2one("omni.stock.return.grade", tracking=True,
                               check_company=True)
    disposition = fields.Selection(DISPOSITIONS, tracking=True)
    disposition_note = fields.Text(
        help="Required when the disposition differs from the grade's default.")
    inspection_note = fields.Text("Inspection Notes")
    check_ids = fields.One2many("omni.stock.return.check", "return_id", "Checklist")
    inspector_id = fields.Many2one("res.users", "Inspected By", readonly=True, copy=False)
    inspection_date = fields.Datetime(readonly=True, copy=False, index=True)
    transfer_ids = fields.Many2many("stock.picking", string="Transfers", readonly=True,
                                    copy=False)
    scrap_id = fields.Many2one("stock.scrap", readonly=True, copy=False)
    resold_date = fields.Datetime(readonly=True, copy=False)
    disposed_date = fields.Datetime(readonly=True, copy=False)

    age_days = fields.Integer("Days Awaiting", compute="_compute_age_days",
                              help="Days since the return was received, while it is not "
                              "disposed.")
    return_to_stock_hours = fields.Float(
        "Return to Stock (h)", compute="_compute_return_to_stock_hours", store=True,
        aggregator="avg", help="Hours from receipt to resale.")

    _sql_constraints = [
        ("reference_channel_uniq", "unique(channel_id, reference)",
         "A channel's return reference must be unique."),
    ]

    @api.depends("sale_order_id")
    def _compute_partner_id(self):
        for rma in self:
            if rma.sale_order_id:
                rma.partner_id = rma.sale_order_id.partner_id

    @api.depends("sale_line_id")
    def _compute_product_id(self):
        for rma in self:
            if rma.sale_line_id:
                rma.product_id = rma.sale_line_id.product_id

    @api.depends("received_date", "state")
    def _compute_age_days(self):
        now = fields.Datetime.now()
        for rma in self:
            open_ = rma.received_date and rma.state in ("received", "flagged", "inspected",
                                                         "refurbishing")
            rma.age_days = (now - rma.received_date).days if open_ else 0

    @api.depends("received_date", "resold_date")
    def _compute_return_to_stock_hours(self):
        for rma in self:
            rma.return_to_stock_hours = (
                (rma.resold_date - rma.received_date).total_seconds() / 3600
                if rma.received_date and rma.resold_date else 0.0)

    # ------------------------------------------------------------ guards

    @api.model_create_multi
    def create(self, vals_list):
        self._check_workflow_fields(vals_list)
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("omni.stock.return") or "/"
        return super().create(vals_list)

    def write(self, vals):
        self._check_workflow_fields([vals])
        if not return_workflow.is_set():
            if AUTHORIZED_FIELDS & set(vals) and self.filtered(
                    lambda r: r.state not in ("draft", "expected")):
                raise UserError(self.env._(
                    "A return's order, product, quantity and lot are fixed once received."))
            if INSPECTION_FIELDS & set(vals) and self.filtered(
                    lambda r: r.state not in ("received",)):
                raise UserError(self.env._(
                    "Grade and disposition can only be set on a return awaiting inspection."))
        return super().write(vals)

    def _check_workflow_fields(self, vals_list):
        if return_workflow.is_set():
            return
        for vals in vals_list:
            if WORKFLOW_FIELDS & set(vals):
                raise UserError(self.env._(
                    "A return's state, receipt and inspection are recorded by its actions."))

    @api.constrains("quantity")
    def _check_quantity(self):
        for rma in self:
            if not math.isfinite(rma.quantity) or float_compare(
                    rma.quantity, 0, precision_rounding=rma.product_id.uom_id.rounding
                    or 0.01) <= 0:
                raise ValidationError(self.env._("A return's quantity must be positive."))

    @api.constrains("sale_order_id", "sale_line_id", "product_id", "origin")
    def _check_sale_line(self):
        for rma in self:
            if rma.origin in ORDER_ORIGINS and not rma.sale_line_id:
                raise ValidationError(self.env._(
                    "A return authorized ahead names the order line it returns."))
            if rma.sale_line_id.order_id != rma.sale_order_id:
                raise ValidationError(self.env._("The returned line must be a line of the order."))
            if rma.sale_line_id and rma.sale_line_id.product_id != rma.product_id:
                raise ValidationError(self.env._("The returned product is the order line's."))
            if not rma.product_id.is_storable:
                raise ValidationError(self.env._("Only stocked products can be returned here."))

    def _check_state(self, *states):
        for rma in self:
            if rma.state not in states:
                labels = dict(STATES)
                raise UserError(self.env._(
                    "Return %(name)s is %(state)s: this action needs it %(expected)s.",
                    name=rma.name, state=labels[rma.state],
                    expected=" / ".join(labels[s] for s in states)))

    def _check_return_manager(self):
        user = self.env.user
        if not (self.env.su or any(user.has_group(g) for g in RETURN_MANAGER_GROUPS)):
            raise AccessError(self.env._(
                "Only a returns manager can decide on a flagged return."))

    @api.onchange("sale_order_id")
    def _onchange_sale_order_id(self):
        if self.sale_order_id:
            self.warehouse_id = self.sale_order_id.warehouse_id
            if self.sale_line_id.order_id != self.sale_order_id:
                self.sale_line_id = False

    @api.onchange("grade_id")
    def _onchange_grade_id(self):
        if self.grade_id:
            self.disposition = self.grade_id.disposition

    # ------------------------------------------------------------ rules

    def _prepare_check_vals(self):
        """The checklist of the product's category and its parents."""
        self.ensure_one()
        # earned: the checklist of the return's own category (_start_inspection's)
        items = self.env["omni.stock.return.checklist.item"].sudo().search([
            ("categ_id", "parent_of", self.categ_id.id),
            ("company_id", "in", [False, self.company_id.id]),
        ])
        return [{"return_id": self.id, "name": item.name, "sequence": item.sequence}
                for item in items]

    def _origin_domain(self):
        """The returns of the same delivered goods as this one: its order line, else
        its returned delivery; None when its origin is unknown. Override point for
        other origins (e.g. a till's sale line)."""
        self.ensure_one()
        if self.sale_line_id:
            return [("sale_line_id", "=", self.sale_line_id.id)]
        if self.origin_move_id:
            return [("origin_move_id", "=", self.origin_move_id.id)]
        return None

    def _delivered_qty(self):
        """What was delivered of the returned goods (product unit), or None when
        nothing says where they were delivered from. Override point."""
        self.ensure_one()
        if not (self.sale_line_id or self.origin_move_id):
            return None
        return self._omni_delivered(self.product_id, self.sale_line_id, self.origin_move_id)

    @api.model
    def _omni_delivered(self, product, sale_line=None, origin_move=None):
        """Units of ``product`` delivered to customers by the order line, else by
        the delivery move."""
        moves = sale_line.move_ids if sale_line else origin_move
        delivered = moves.filtered(lambda m: m.state == "done" and not m.scrapped
                                   and m.product_id == product
                                   and m.location_dest_id.usage == "customer")
        return sum(delivered.mapped("product_qty"))

    def _returnable_qty(self):
        """What may still come back of the same delivered goods: delivered, net of
        the returns of them already taken back (received, inspected or disposed;
        not those flagged or rejected); None when the origin is unknown."""
        self.ensure_one()
        delivered = self._delivered_qty()
        if delivered is None:
            return None
        # earned: the gate's rule counts every return of the same goods, whoever may read
        # them; only a flag leaves (callers: _omni_gate_receipts, the API's own checks)
        returned = self.sudo().search([
            *self._origin_domain(), ("id", "!=", self.id), ("state", "in", COUNTED_STATES)])
        return delivered - sum(returned.mapped("quantity"))

    def _lot_already_returned(self):
        """This lot/serial would come back more often than it was delivered (a
        re-sold serial may come back again: deliveries and returns are counted)."""
        self.ensure_one()
        if not self.lot_id:
            return False
        # earned: the gate's rule counts every return of the same goods, whoever may read
        # them; only a flag leaves (callers: _omni_gate_receipts, the API's own checks)
        MoveLine = self.env["stock.move.line"].sudo()
        lot = [("lot_id", "=", self.lot_id.id), ("state", "=", "done")]
        delivered = sum(MoveLine.search(
            [*lot, ("location_dest_id.usage", "=", "customer")]).mapped("quantity_product_uom"))
        returned = sum(MoveLine.search(
            [*lot, ("location_id.usage", "=", "customer"),
             ("move_id", "!=", self.receipt_move_id.id)]).mapped("quantity_product_uom"))
        return float_compare(returned + self.quantity, delivered,
                             precision_rounding=self.product_id.uom_id.rounding) > 0

    def _receipt_flag(self):
        """``(flag, note)`` of a receipt to quarantine, or ``(False, "")``: the one
        rule of every door bringing goods back from a customer."""
        self.ensure_one()
        if self._lot_already_returned():
            return "duplicate", self.env._("%s was already returned.", self.lot_id.name)
        returnable = self._returnable_qty()
        if returnable is None:
            return "unknown", self.env._(
                "Nothing says which delivery these goods come back from.")
        rounding = self.product_id.uom_id.rounding
        # earned: the gate's rule counts every return of the same goods, whoever may read
        # them; only a flag leaves (callers: _omni_gate_receipts, the API's own checks)
        if float_compare(returnable, 0, precision_rounding=rounding) <= 0 and \
                self.sudo().search_count([*self._origin_domain(), ("id", "!=", self.id),
                                          ("received_date", "!=", False)]):
            return "duplicate", self.env._(
                "Everything delivered of it was already returned.")
        if float_compare(self.quantity, returnable, precision_rounding=rounding) > 0:
            return "excess", self.env._(
                "%(qty)s returned, %(max)s delivered and not yet returned.",
                qty=self.quantity, max=max(returnable, 0.0))
        return False, ""

    # ------------------------------------------------------------ the gate

    @api.model
    def _omni_gate_receipts(self, moves):
        """Every move bringing goods back from a customer, as it is done, whatever
        the door (a return authorization, Odoo's Return button, a receipt made by
        hand, a till's refund, RPC): its return (the authorization's, else one
        made now per lot) checks quantity and origin (:meth:`_receipt_flag`); a
        flagged one is received into quarantine at once. Returns
        ``[(return, vals)]`` to write once the moves are done (:meth:`_omni_received`).

        Runs as superuser: it records what the user validating the receipt (whose
        rights Odoo checked) brings in, and only routes it to a safer place."""
        received = []
        if not moves:
            return received
        # earned: Odoo checked the validating user's rights on these moves (_action_done's
        # callers); the gate records them and only routes them to a safer place
        Return = self.sudo()
        expected = Return.search([
            ("state", "=", "expected"), "|", ("receipt_move_id", "in", moves.ids),
            ("picking_id", "in", moves.picking_id.ids)])
        with return_workflow():
            for move in moves.sudo():
                lines = move.move_line_ids.filtered(
                    lambda ml: ml.picked and ml.location_id.usage == "customer"
                    and not float_is_zero(ml.quantity,
                                          precision_rounding=ml.product_uom_id.rounding))
                if not lines:
                    continue
                rma = expected.filtered(lambda r, m=move: r.receipt_move_id == m) or \
                    expected.filtered(lambda r, m=move: not r.receipt_move_id
                                      and r.picking_id == m.picking_id)[:1]
                parts = [(rma._omni_receive_authorized(move, lines), lines)] if rma \
                    else Return._omni_receive_unannounced(move, lines)
                refund = True
                for current, part in parts:
                    flag, note = current._receipt_flag()
                    if flag:
                        refund = False
                        part.location_dest_id = current.warehouse_id._omni_quarantine_location()
                    # now: the next return of the same goods counts this one
                    current.write({"state": "flagged" if flag else "received",
                                   "flag_reason": flag, "flag_note": note})
                    received.append((current, {
                        "received_date": fields.Datetime.now(),
                        "location_id": part.location_dest_id[:1].id,
                        "picking_id": move.picking_id.id or current.picking_id.id,
                    }))
                if not refund:
                    # no credit while a returns manager has not taken it back
                    move.to_refund = False
                    quarantine = lines.location_dest_id
                    if len(quarantine) == 1 and quarantine.omni_status == "quarantine":
                        # the whole move was flagged: it says where its goods went
                        move.location_dest_id = quarantine
            for picking in moves.picking_id.sudo():
                dest = picking.move_ids.location_dest_id
                if len(dest) == 1 and dest != picking.location_dest_id:
                    picking.location_dest_id = dest
        return received

    def _omni_receive_authorized(self, move, lines):
        """The authorization's own receipt: the received quantity is what counts."""
        self.ensure_one()
        qty = sum(lines.mapped("quantity_product_uom"))
        if float_compare(qty, self.quantity, precision_rounding=move.product_id.uom_id.rounding):
            self.message_post(body=self.env._(
                "%(received)s received, %(authorized)s authorized.",
                received=qty, authorized=self.quantity))
            self.quantity = qty
        self.receipt_move_id = move
        return self

    @api.model
    def _omni_receive_unannounced(self, move, lines):
        """``[(return, lines)]``: the returns recorded for goods no authorization
        announced, one per lot and per origin the hook finds
        (:meth:`_prepare_receipt_returns_vals`), each with the lines carrying it."""
        by_lot = defaultdict(lambda: self.env["stock.move.line"])
        for line in lines:
            by_lot[line.lot_id] |= line
        parts = []
        for lot, group in by_lot.items():
            qty = sum(group.mapped("quantity_product_uom"))
            for vals in self._prepare_receipt_returns_vals(move, lot, qty):
                part = self._omni_take_lines(group, vals["quantity"])
                group -= part
                parts.append((self.create(vals), part))
        return parts

    @api.model
    def _omni_take_lines(self, lines, qty):
        """Lines of ``lines`` carrying exactly ``qty`` (product unit): whole lines,
        and one split when needed (not done yet: the gate runs before them)."""
        taken = self.env["stock.move.line"]
        for line in lines:
            rounding = line.product_id.uom_id.rounding
            if float_compare(qty, 0, precision_rounding=rounding) <= 0:
                break
            if float_compare(line.quantity_product_uom, qty, precision_rounding=rounding) <= 0:
                taken |= line
                qty -= line.quantity_product_uom
                continue
            part = line.product_id.uom_id._compute_quantity(qty, line.product_uom_id)
            taken |= line.copy({"quantity": part, "move_id": line.move_id.id, "picked": True})
            line.quantity -= part
            break
        return taken

    @api.model
    def _prepare_receipt_returns_vals(self, move, lot, qty):
        """The returns of ``qty`` of ``lot`` received by ``move`` without
        authorization: one by default (:meth:`_prepare_receipt_return_vals`).
        Override point for a door whose receipt gathers several origins (a till's
        session); their quantities add up to ``qty``."""
        return [self._prepare_receipt_return_vals(move, lot, qty)]

    @api.model
    def _omni_received(self, received):
        """The returns of the gate once their moves are done."""
        with return_workflow():
            for rma, vals in received:
                rma.write(vals)
                if rma.state == "received":
                    rma._start_inspection()
                else:
                    rma.message_post(body=self.env._(
                        "Flagged %(flag)s and received into quarantine: %(note)s",
                        flag=dict(rma._fields["flag_reason"].selection)[rma.flag_reason],
                        note=rma.flag_note))

    @api.model
    def _prepare_receipt_return_vals(self, move, lot, qty):
        """A return recorded by the gate for goods no authorization announced."""
        origin = move.origin_returned_move_id
        line = (move.sale_line_id or origin.sale_line_id).filtered(
            lambda so_line: so_line.product_id == move.product_id)  # not a kit's line
        dest = move.move_line_ids.location_dest_id[:1] or move.location_dest_id
        warehouse = (self.env["stock.warehouse"]._omni_return_warehouse(
            dest, move.picking_type_id) or line.order_id.warehouse_id
            or self.env["stock.warehouse"].search(
                [("company_id", "=", move.company_id.id)], limit=1))
        reason = self.env.ref("omni_stock_return.reason_unauthorized",
                              raise_if_not_found=False) or self.env[
            "omni.stock.return.reason"].search([], limit=1)
        return {
            "origin": "receipt", "product_id": move.product_id.id, "quantity": qty,
            "lot_id": lot.id, "company_id": move.company_id.id,
            "warehouse_id": warehouse.id, "sale_order_id": line.order_id.id,
            "sale_line_id": line.id, "origin_move_id": origin.id,
            "receipt_move_id": move.id,
            "partner_id": (line.order_id.partner_id or move.picking_id.partner_id
                           or move.partner_id or origin.partner_id).id,
            "channel_id": (line.order_id.omni_channel_id.id
                           if line.order_id.omni_channel_id.company_id == move.company_id
                           else False),
            "reason_id": reason.id, "expected_date": fields.Date.context_today(self),
        }

    # ------------------------------------------------------------ transfers

    def _customer_location(self):
        return (self.partner_id.property_stock_customer
                or self.env.ref("stock.stock_location_customers"))

    def _prepare_move_vals(self, source, dest, picking):
        self.ensure_one()
        return {
            "name": self.name, "product_id": self.product_id.id,
            "product_uom_qty": self.quantity, "product_uom": self.product_id.uom_id.id,
            "location_id": source.id, "location_dest_id": dest.id,
            "picking_id": picking.id, "company_id": self.company_id.id,
            "origin": self.name, "partner_id": picking.partner_id.id,
        }

    def _prepare_picking_vals(self, source, dest, picking_type, partner=None, origin=None):
        self.ensure_one()
        return {
            "picking_type_id": picking_type.id, "location_id": source.id,
            "location_dest_id": dest.id, "partner_id": (partner or self.partner_id).id,
            "origin": origin or f"{self.name} ({self.sale_order_id.name})",
            "company_id": self.company_id.id,
        }

    def _create_transfer(self, source, dest, picking_type, partner=None, origin=None,
                         move_vals=None):
        """An ordinary, confirmed transfer of this return's goods."""
        self.ensure_one()
        # earned: the return's actions: the caller writes the return (Inventory User, its
        # company), a decision is a returns manager's (_check_return_manager)
        Picking = self.env["stock.picking"].sudo()
        picking = Picking.create(
            self._prepare_picking_vals(source, dest, picking_type, partner, origin))
        self.env["stock.move"].sudo().create(
            dict(self._prepare_move_vals(source, dest, picking), **(move_vals or {})))
        picking.action_confirm()
        return picking

    def _validate_transfer(self, picking):
        """Done with exactly this return's quantity and lot."""
        self.ensure_one()
        # earned: the return's actions: the caller writes the return (Inventory User, its
        # company), a decision is a returns manager's (_check_return_manager)
        picking = picking.sudo()
        move = picking.move_ids
        move.move_line_ids.unlink()
        self.env["stock.move.line"].sudo().create({
            "move_id": move.id, "picking_id": picking.id, "product_id": self.product_id.id,
            "product_uom_id": self.product_id.uom_id.id, "quantity": self.quantity,
            "lot_id": self.lot_id.id, "location_id": move.location_id.id,
            "location_dest_id": move.location_dest_id.id, "company_id": self.company_id.id,
        })
        move.picked = True
        picking._action_done()
        return picking

    def _move_goods(self, dest, picking_type, validate=True):
        """A transfer from where the goods are to ``dest``."""
        picking = self._create_transfer(self.location_id, dest, picking_type)
        if validate:
            self._validate_transfer(picking)
        self.transfer_ids = [Command.link(picking.id)]
        if validate:
            self.location_id = dest
        return picking

    # ------------------------------------------------------------ actions

    def action_confirm(self):
        """Authorize the return: its receipt into inspection is expected."""
        self._check_state("draft")
        self.check_access("write")
        with return_workflow():
            for rma in self:
                warehouse = rma.warehouse_id
                warehouse._omni_ensure_return_locations()
                picking = rma._create_transfer(
                    rma._customer_location(), warehouse.sudo().omni_inspection_location_id,
                    warehouse.in_type_id,
                    move_vals={"sale_line_id": rma.sale_line_id.id, "to_refund": True})
                rma.write({"picking_id": picking.id, "receipt_move_id": picking.move_ids[:1].id,
                           "state": "expected"})
        return True

    def action_receive(self):
        """The goods are here: the receipt is validated, and the gate every receipt
        from a customer passes (:meth:`_omni_gate_receipts`) puts them into
        inspection, or into quarantine when the receipt exceeds what was delivered
        or repeats a returned lot/serial."""
        self._check_state("expected")
        with return_workflow():
            for rma in self:
                rma._validate_transfer(rma.picking_id)
        return True

    def action_accept(self):
        """A returns manager accepts a flagged return: it goes to inspection (the
        returns manager's decision is the door out of quarantine)."""
        self._check_state("flagged")
        self._check_return_manager()
        with return_workflow(), status_doors.open("return_decision"):
            for rma in self:
                warehouse = rma.warehouse_id.sudo()
                rma.receipt_move_id.sudo().to_refund = True
                rma._move_goods(warehouse._omni_inspection_location(), warehouse.int_type_id)
                rma.write({"state": "received", "decided_by_id": self.env.uid,
                           "decision_date": fields.Datetime.now()})
                rma._start_inspection()
        return True

    def action_reject(self):
        """A returns manager rejects a flagged return: the goods stay in quarantine."""
        self._check_state("flagged")
        self._check_return_manager()
        with return_workflow():
            self.write({"state": "rejected", "decided_by_id": self.env.uid,
                        "decision_date": fields.Datetime.now()})
        return True

    def action_send_back(self):
        """A returns manager sends a rejected return back to the customer: a done
        delivery out of quarantine."""
        self._check_state("rejected")
        self._check_return_manager()
        with return_workflow(), status_doors.open("return_decision"):
            for rma in self:
                rma._move_goods(rma._customer_location(), rma.warehouse_id.sudo().out_type_id)
                rma.state = "sent_back"
        return True

    def action_cancel(self):
        self._check_state("draft", "expected")
        self.check_access("write")
        with return_workflow():
            self.picking_id.sudo().action_cancel()
            self.write({"state": "cancel"})
        return True

    def _start_inspection(self):
        self.ensure_one()
        if not self.check_ids:
            # earned: the return was received (the gate) or accepted (_check_return_manager)
            self.env["omni.stock.return.check"].sudo().create(self._prepare_check_vals())

    def action_inspect(self):
        """Record the inspection: grade, disposition (an override needs a note)."""
        self._check_state("received")
        for rma in self:
            if not rma.grade_id or not rma.disposition:
                raise UserError(self.env._("Grade %s and choose its disposition first.",
                                           rma.name))
            if rma.disposition != rma.grade_id.disposition and not rma.disposition_note:
                raise UserError(self.env._(
                    "Disposition of %(name)s differs from grade %(grade)s's default: "
                    "say why in a note.", name=rma.name, grade=rma.grade_id.name))
        with return_workflow():
            self.write({"state": "inspected", "inspector_id": self.env.uid,
                        "inspection_date": fields.Datetime.now()})
        return True

    def action_dispose(self):
        """Carry out the disposition with ordinary transfers (or a reason-coded scrap):
        the disposition is the door out of inspection."""
        self._check_state("inspected")
        with return_workflow(), status_doors.open("disposition"):
            for rma in self:
                getattr(rma, f"_dispose_{rma.disposition}")()
        return True

    def action_inspect_and_dispose(self):
        self.action_inspect()
        return self.action_dispose()

    def action_refurbish_done(self, outcome):
        """A refurbished return is resold or scrapped."""
        self._check_state("refurbishing")
        if outcome not in ("resell", "scrap"):
            raise UserError(self.env._("A refurbished return is resold or scrapped."))
        with return_workflow(), status_doors.open("disposition"):
            for rma in self:
                getattr(rma, f"_dispose_{outcome}")()
        return True

    def action_refurbish_resell(self):
        return self.action_refurbish_done("resell")

    def action_refurbish_scrap(self):
        return self.action_refurbish_done("scrap")

    def _omni_disposition_summary(self):
        """What the disposition did, in the inspector's words."""
        self.ensure_one()
        what = self.env._("%(qty)s x %(product)s: %(disposition)s",
                          qty=f"{self.quantity:g}", product=self.product_id.display_name,
                          disposition=dict(self._fields["disposition"]._description_selection(
                              self.env)).get(self.disposition, ""))
        if self.location_id:
            return self.env._("%(what)s, now at %(location)s", what=what,
                              location=self.location_id.display_name)
        return what

    # ------------------------------------------------------------ dispositions

    def _finish(self, **vals):
        self.write({"state": "disposed", "disposed_date": fields.Datetime.now(), **vals})

    def _dispose_resell(self):
        # earned: action_dispose or action_refurbish_done on a return the caller writes
        warehouse = self.warehouse_id.sudo()
        self._move_goods(warehouse.lot_stock_id, warehouse.int_type_id)
        self._finish(resold_date=fields.Datetime.now())

    def _dispose_refurbish(self):
        # earned: action_dispose or action_refurbish_done on a return the caller writes
        warehouse = self.warehouse_id.sudo()
        warehouse._omni_ensure_return_locations()
        self._move_goods(warehouse.omni_refurbish_location_id, warehouse.int_type_id)
        self.state = "refurbishing"

    def _vendor_purchase_reference(self, vendor):
        """The last purchase order of this product from ``vendor``, when purchase is used."""
        if "purchase.order.line" not in self.env:
            return ""
        # earned: action_dispose or action_refurbish_done on a return the caller writes
        line = self.env["purchase.order.line"].sudo().search([
            ("product_id", "=", self.product_id.id), ("partner_id", "=", vendor.id),
            ("state", "in", ("purchase", "done")),
        ], order="id desc", limit=1)
        return line.order_id.name or ""

    def _dispose_vendor(self):
        seller = self.product_id.seller_ids.filtered(
            lambda s: s.company_id in (self.company_id, self.env["res.company"]))[:1]
        if not seller:
            raise UserError(self.env._("%s has no vendor to return it to.",
                                       self.product_id.display_name))
        vendor = seller.partner_id
        # earned: action_dispose or action_refurbish_done on a return the caller writes
        warehouse = self.warehouse_id.sudo()
        dest = (vendor.property_stock_supplier
                or self.env.ref("stock.stock_location_suppliers"))
        reference = self._vendor_purchase_reference(vendor)
        picking = self._create_transfer(
            self.location_id, dest, warehouse.out_type_id, partner=vendor,
            origin=" / ".join(filter(None, [self.name, reference])))
        picking.action_assign()
        self.transfer_ids = [Command.link(picking.id)]
        self._finish()

    def _prepare_scrap_vals(self):
        return {
            "product_id": self.product_id.id, "scrap_qty": self.quantity,
            "product_uom_id": self.product_id.uom_id.id, "lot_id": self.lot_id.id,
            "location_id": self.location_id.id, "company_id": self.company_id.id,
            "origin": self.name,
            "omni_reason_id": self.env.ref("omni_stock_adjustment.reason_damage").id,
            "omni_reason_note": self.disposition_note or self.inspection_note or self.name,
        }

    def _dispose_scrap(self):
        """Through the reason-coded scrap: a scrap above the threshold waits for approval
        (the return's scrap opens the disposition door when it is applied, see
        ``stock.scrap._omni_apply_scrap``)."""
        scrap = self.env["stock.scrap"].create(self._prepare_scrap_vals())
        self.scrap_id = scrap
        scrap.do_scrap()
        self._finish()

    # ------------------------------------------------------------ ageing and KPIs

    @api.model
    def _cron_inspection_ageing(self):
        """An activity for the warehouse's returns manager on each return awaiting
        inspection longer than the warehouse's limit (once per return)."""
        now = fields.Datetime.now()
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        # earned: the ageing cron's (private)
        waiting = self.sudo()._read_group([("state", "=", "received")], ["warehouse_id"])
        for (warehouse,) in waiting:
            late = self.sudo().search([
                ("warehouse_id", "=", warehouse.id), ("state", "=", "received"),
                ("received_date", "<", now - timedelta(days=warehouse.omni_return_age_days)),
                ("activity_ids", "=", False),
            ])
            user = warehouse.omni_return_manager_id or self.env.ref("base.user_admin")
            for rma in late:
                rma.activity_schedule(
                    activity_type_id=activity_type.id, user_id=user.id,
                    summary=self.env._("Return awaiting inspection for %s days", rma.age_days),
                    note=self.env._("%(rma)s has waited longer than %(limit)s days in "
                                    "%(location)s.", rma=rma.name,
                                    limit=warehouse.omni_return_age_days,
                                    location=rma.location_id.display_name))
        return True

    @api.model
    def _kpi_return_to_stock(self, date_from, date_to):
        """Median and 90th percentile of hours from receipt to resale of the returns
        resold between the dates: ``{"median": h, "p90": h, "count": n}``."""
        self.env.flush_all()
        self.env.cr.execute(SQL(
            """
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY return_to_stock_hours),
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY return_to_stock_hours),
                   COUNT(*)
              FROM omni_stock_return
             WHERE resold_date >= %(date_from)s AND resold_date < %(date_to)s
               AND company_id = ANY(%(companies)s)
            """, date_from=date_from, date_to=date_to, companies=self.env.companies.ids))
        median, p90, count = self.env.cr.fetchone()
        return {"median": median or 0.0, "p90": p90 or 0.0, "count": count}
