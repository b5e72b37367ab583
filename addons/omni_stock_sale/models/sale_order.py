from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare


class SaleOrder(models.Model):
    _inherit = "sale.order"

    omni_channel_id = fields.Many2one(
        "omni.channel", string="Sales Channel", compute="_compute_omni_channel_id",
        store=True, readonly=False, precompute=True, check_company=True, index=True,
        tracking=True,
        help="The order's lines are checked against this channel's available-to-sell "
        "when it is confirmed. Default: the channel of the sales team.",
    )
    omni_hold_ids = fields.One2many("omni.stock.hold", "sale_order_id", string="Holds")
    omni_hold_count = fields.Integer(compute="_compute_omni_hold_count")
    omni_from_api = fields.Boolean(
        "Made by the API", readonly=True, copy=False,
        help="Created by an integration confirming its holds: only such orders can be "
        "extended through the API.")

    @api.depends("team_id")
    def _compute_omni_channel_id(self):
        for order in self:
            channel = order.team_id.omni_channel_id
            if channel and channel.company_id == order.company_id:
                order.omni_channel_id = channel

    @api.depends("omni_hold_ids.state", "omni_hold_ids.expires_at")
    def _compute_omni_hold_count(self):
        for order in self:
            order.omni_hold_count = len(order._omni_active_holds())

    # ------------------------------------------------------------ holds

    def _omni_storable_needs(self):
        """{product: quantity in its UoM} of the storable lines."""
        self.ensure_one()
        needs = defaultdict(float)
        for line in self.order_line:
            if line.product_id.is_storable and not line.display_type:
                needs[line.product_id] += line.product_uom._compute_quantity(
                    line.product_uom_qty, line.product_id.uom_id)
        return needs

    def _omni_active_holds(self):
        # earned: the holds of orders the caller reads (their record rules); they change only
        # through the checked flows (action_omni_hold, confirmation, cancellation)
        holds = self.sudo().omni_hold_ids
        return holds.filtered_domain(holds._active_domain())

    def action_omni_hold(self):
        """Hold the stock of the quotation's lines in its channel until it is confirmed.

        Whoever may edit the quotation may hold its lines (a salesperson needs no right
        on holds): the holds are made by the server for the order.
        """
        self.check_access("write")
        Hold = self.env["omni.stock.hold"].sudo()
        for order in self:
            if not order.omni_channel_id:
                raise UserError(self.env._("Set the sales channel of %s first.", order.name))
            held = defaultdict(float)
            for hold in order._omni_active_holds():
                held[hold.product_id] += hold.quantity
            ttl = timedelta(hours=order.omni_channel_id.sale_hold_ttl_hours or 24)
            for product, quantity in order._omni_storable_needs().items():
                missing = quantity - held[product]
                if missing <= 0:
                    continue
                Hold.reserve(
                    order.omni_channel_id, product, missing,
                    f"{order.name}-{product.id}-{len(order.sudo().omni_hold_ids) + 1}",
                    int(ttl.total_seconds()), origin="sale",
                    extra_vals={"sale_order_id": order.id},
                )
        return True

    def action_omni_view_holds(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "omni_stock.action_omni_stock_hold")
        action["domain"] = [("sale_order_id", "=", self.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------ confirmation

    def _omni_shortages(self):
        """Lines asking for more than the channel may promise to this order.

        :return: [(product, needed, available)]
        """
        self.ensure_one()
        # earned: check_access("write") in action_confirm (or the shop's paid order): the
        # figures of the order's channel for its own lines
        channel = self.omni_channel_id.sudo()
        needs = self._omni_storable_needs()
        if not channel or not needs:
            return []
        products = self.env["product.product"].union(*needs)
        # serialize with concurrent hold creators of the same products
        self.env["omni.stock.hold"]._lock_product(products.ids)
        figures = self.env["omni.ats"].sudo().compute(products, channel=channel, detail=False,
                                                      live=True)
        own = defaultdict(float)
        for hold in self._omni_active_holds():
            own[hold.product_id] += hold.quantity
        shortages = []
        for product, needed in needs.items():
            # the order's own holds were taken from the ATS for it
            available = channel._omni_available_to_holder(
                product, figures[product.id], own[product])
            if float_compare(needed, available,
                             precision_rounding=product.uom_id.rounding) > 0:
                shortages.append((product, needed, available))
        return shortages

    def action_confirm(self):
        self.check_access("write")  # before the guard tells any figure
        for order in self.filtered(lambda o: o.omni_channel_id and o.state in ("draft", "sent")):
            shortages = order._omni_shortages()
            if not shortages:
                continue
            details = "\n".join(
                self.env._("- %(product)s: %(needed)s ordered, %(available)s available",
                           product=product.display_name, needed=needed, available=available)
                for product, needed, available in shortages
            )
            if order.omni_channel_id.oversell_policy == "block":
                raise UserError(self.env._(
                    "%(order)s asks for more than channel %(channel)s may sell:\n%(details)s",
                    order=order.name, channel=order.omni_channel_id.name, details=details))
            order.message_post(body=self.env._(
                "Confirmed beyond the available-to-sell of %(channel)s (backorder):\n"
                "%(details)s", channel=order.omni_channel_id.name, details=details))
        return super().action_confirm()

    def _action_confirm(self):
        # the order now reserves through its deliveries: its holds stop counting
        # earned: action_confirm wrote the order first (the caller's write access to it)
        holds = self._omni_active_holds()
        holds.action_confirm_hold()
        self.sudo().omni_hold_ids.filtered(lambda h: h.state == "active").action_release()
        return super()._action_confirm()

    def _action_cancel(self):
        self.check_access("write")
        self.sudo().omni_hold_ids.action_release()
        return super()._action_cancel()


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    omni_ats = fields.Float(
        string="Channel ATS", compute="_compute_omni_ats", digits="Product Unit of Measure",
        help="What the order's sales channel may still promise of this product "
        "(the order's own holds excluded).",
    )

    @api.depends("product_id", "order_id.omni_channel_id")
    @api.depends_context("company")
    def _compute_omni_ats(self):
        groups = defaultdict(lambda: self.browse())
        for line in self:
            groups[line.order_id.omni_channel_id] |= line
        for channel, lines in groups.items():
            products = lines.product_id.filtered("is_storable")
            figures = self.env["omni.ats"].compute(
                products, channel=channel, detail=False) if channel and products else {}
            for line in lines:
                line.omni_ats = figures.get(line.product_id.id, {}).get("ats", 0.0)
