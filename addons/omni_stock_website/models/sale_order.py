"""Carts of a shop with a sales channel: holds, quantity checks, checkout, pickup.

A cart holds its stock in its channel: one hold per storable product (origin
``website``, reference ``<order>:<product id>:<n>``), sized to the product's
quantity in the cart, kept alive while the shopper is active and released when
the line goes. Quantities are checked under the product lock before they enter
the cart, again (with the holds renewed) before payment, and once more by the
confirmation guard of ``omni_stock_sale``, which consumes the holds.
"""

import json
import logging
import re
from collections import defaultdict
from datetime import timedelta

import psycopg2

from odoo import api, fields, models
from odoo.addons.omni_stock.models.omni_stock_hold import HoldError
from odoo.exceptions import ValidationError
from odoo.tools import float_compare, float_round

from ..tools.pickup import pickup_reset

_logger = logging.getLogger(__name__)

# a hold is extended at most once a minute while the shopper is active
EXTEND_SLACK = timedelta(seconds=60)
# what a hold reference may not contain (order names may have "/")
REFERENCE_UNSAFE = re.compile(r"[^A-Za-z0-9._:#@-]")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    omni_shop_issue = fields.Text(
        "Shop Stock Issue", readonly=True, copy=False,
        help="What the shopper was told about stock the shop could not confirm.")

    # ------------------------------------------------------------------ channel

    @api.depends("team_id", "website_id", "carrier_id", "pickup_location_data")
    def _compute_omni_channel_id(self):
        """Orders of a shop with a channel belong to that channel, or to the channel of
        the store chosen for pickup (whatever else changes: address, team)."""
        shop_orders = self.filtered(
            lambda o: o.website_id.omni_channel_id.company_id == o.company_id)
        res = super(SaleOrder, self - shop_orders)._compute_omni_channel_id()
        for order in shop_orders:
            if order.state in ("draft", "sent") or not order.omni_channel_id:
                order.omni_channel_id = order._omni_expected_channel()
        return res

    @api.depends("carrier_id", "pickup_location_data")
    def _compute_warehouse_id(self):
        """An order picked up in a store is delivered from that store, whatever else
        changes on it (the shopper's address, its salesperson)."""
        pickup = self.filtered(lambda o: o.state in ("draft", "sent")
                               and o._omni_pickup_warehouse())
        res = super(SaleOrder, self - pickup)._compute_warehouse_id()
        for order in pickup:
            order.warehouse_id = order._omni_pickup_warehouse()
        return res

    def _omni_is_cart(self):
        """A draft order of a shop with a sales channel: its stock is held for it."""
        self.ensure_one()
        return bool(self.website_id.omni_channel_id and self.state == "draft"
                    and self.omni_channel_id)

    def _omni_pickup_warehouse(self):
        """The store chosen for pickup (one of the delivery method's stores), if any."""
        self.ensure_one()
        if self.carrier_id.delivery_type == "in_store" and self.pickup_location_data:
            warehouse = self.env["stock.warehouse"].browse(
                self.pickup_location_data.get("id")).exists()
            # earned: no check needed: only which stores the order's pickup method has
            if warehouse in self.carrier_id.sudo().warehouse_ids:
                return warehouse
        return self.env["stock.warehouse"]

    def _omni_expected_channel(self):
        """The website's channel, or the channel of the store chosen for pickup."""
        self.ensure_one()
        warehouse = self._omni_pickup_warehouse()
        # earned: a store of the order's pickup method (_omni_pickup_warehouse)
        store = warehouse.sudo()._omni_store_channel() if warehouse else None
        return store or self.website_id.omni_channel_id

    def _omni_follow_pickup(self):
        """Choosing a store (or delivery again) moves the cart's holds to that channel."""
        if pickup_reset.is_set():
            return
        for order in self:
            if not order.website_id.omni_channel_id or order.state != "draft":
                continue
            channel = order._omni_expected_channel()
            if channel != order.omni_channel_id:
                # earned: the shopper's own cart (website_sale's routes), the channel of its store
                order.sudo().omni_channel_id = channel
            if order._omni_cart_holds().filtered(
                    lambda h, channel=channel: h.state == "active" and h.channel_id != channel) \
                    or order._omni_unheld_products():
                order._omni_sync_cart_holds()

    def _omni_unheld_products(self):
        """Storable products of the cart its active holds do not cover."""
        self.ensure_one()
        held = self._omni_held()
        return self.env["product.product"].union(*[
            product for product, need in self._omni_storable_needs().items()
            if float_compare(held[product], need,
                             precision_rounding=product.uom_id.rounding) < 0])

    def _set_pickup_location(self, pickup_location_data):
        res = super()._set_pickup_location(pickup_location_data)
        self._omni_follow_pickup()
        return res

    def set_delivery_line(self, carrier, amount):
        res = super().set_delivery_line(carrier, amount)
        self._omni_follow_pickup()
        return res

    def _set_delivery_method(self, delivery_method, rate=None):
        """Odoo sets the delivery method again when the shipping address changes: the
        same *Pick up in store* keeps the chosen store (see ``tools.pickup``)."""
        self.ensure_one()
        store = self._omni_pickup_warehouse()
        if not (store and delivery_method == self.carrier_id):
            return super()._set_delivery_method(delivery_method, rate=rate)
        pickup_data = json.dumps(self.pickup_location_data)
        with pickup_reset():
            res = super()._set_delivery_method(delivery_method, rate=rate)
            if self.carrier_id == delivery_method:
                self._set_pickup_location(pickup_data)
        self._omni_follow_pickup()
        return res

    # ------------------------------------------------------------------ availability

    def _omni_cart_holds(self):
        """The cart's holds (every state), sudo."""
        # earned: a cart, changed only by writes on its lines (the caller's own rights) or
        # the shop's routes on the session's own cart; products the shopper may see
        return self.sudo().omni_hold_ids.filtered(lambda h: h.origin == "website")

    def _omni_held(self, channel=None):
        """``{product: quantity}`` of the order's active holds in ``channel``."""
        self.ensure_one()
        channel = channel or self.omni_channel_id
        held = defaultdict(float)
        for hold in self._omni_active_holds():
            if hold.channel_id == channel:
                held[hold.product_id] += hold.quantity
        return held

    def _omni_cart_available(self, products, fresh=False, channel=None):
        """``{product_id: quantity}`` this cart may have of each product in its channel
        (or ``channel``), its own holds included.

        :param fresh: read the engine now instead of the request's figures (checks that
            decide must also hold the product lock, see :meth:`_omni_lock`).
        """
        self.ensure_one()
        # earned: a cart, changed only by writes on its lines (the caller's own rights) or
        # the shop's routes on the session's own cart; products the shopper may see
        channel = (channel or self.omni_channel_id).sudo()
        if fresh or not self.website_id:
            figures = self.env["omni.ats"].sudo().compute(products, channel=channel,
                                                          detail=False, live=True)
        else:
            figures = self.website_id._omni_ats_figures(products, channel)
        held = self._omni_held(channel)
        return {
            product.id: channel._omni_available_to_holder(
                product, figures[product.id], held[product])
            for product in products
        }

    def _omni_lock(self, products):
        """Queue behind concurrent hold makers of ``products`` (see omni.stock.hold)."""
        # earned: no check needed: a lock, nothing is read or written
        self.env["omni.stock.hold"].sudo()._lock_product(products.ids)

    def _omni_may_oversell(self, product):
        """Whether the shop lets this cart ask for more of ``product`` than it can hold:
        only when the product may be sold out of stock *and* the channel confirms
        such orders as backorders."""
        self.ensure_one()
        return product._omni_shop_may_oversell(self.omni_channel_id)

    # ------------------------------------------------------------------ holds

    def _omni_hold_reference(self, product, channel):
        count = len(self._omni_cart_holds().filtered(
            lambda h: h.product_id == product and h.channel_id == channel))
        order = REFERENCE_UNSAFE.sub("-", self.name or str(self.id))[:40]
        return f"{order}:{product.id}:{count + 1}"

    def _omni_sync_cart_holds(self, products=None):
        """Make the cart's holds match its lines.

        One active hold per storable product of the cart, in the cart's channel, for
        the product's quantity in the cart; holds of other channels, of products no
        longer in the cart and expired ones are released; live ones are extended (the
        shopper is active). What cannot be held is left out.

        :param products: only these products (default: every product of the cart and
            of its holds).
        :return: ``{product: (needed, held)}`` of the products not fully held.
        """
        shortages = {}
        for order in self:
            holds = order._omni_cart_holds().filtered(lambda h: h.state == "active")
            if not order._omni_is_cart():
                holds.action_release()
                continue
            # earned: a cart, changed only by writes on its lines (the caller's own rights) or
            # the shop's routes on the session's own cart; products the shopper may see
            channel = order.omni_channel_id.sudo()
            needs = order._omni_storable_needs()
            todo = products if products is not None else (
                self.env["product.product"].union(*needs) | holds.product_id)
            now = fields.Datetime.now()
            # release first: a hold moving to another channel must not compete with itself
            stale = holds.browse([
                hold.id for hold in holds
                if hold.product_id in todo and (
                    hold.channel_id != channel or not needs.get(hold.product_id)
                    or not hold._is_active(now))])
            stale.action_release()
            holds -= stale
            for product in todo:
                need = needs.get(product, 0.0)
                if need <= 0:
                    continue
                mine = holds.filtered(lambda h, product=product: h.product_id == product)
                mine[1:].action_release()
                held = order._omni_hold(channel, product, need, mine[:1], now)
                if float_compare(held, need, precision_rounding=product.uom_id.rounding) < 0:
                    shortages[product] = (need, held)
        self.website_id._omni_invalidate()
        return shortages

    def _omni_hold(self, channel, product, need, hold, now):
        """Hold ``need`` of ``product`` (resizing ``hold`` if any), or as much as
        possible; return the quantity held."""
        self.ensure_one()
        # earned: a cart, changed only by writes on its lines (the caller's own rights) or
        # the shop's routes on the session's own cart; products the shopper may see
        Hold = self.env["omni.stock.hold"].sudo()
        ttl = channel._omni_cart_ttl_seconds()
        try:
            if hold:
                if float_compare(hold.quantity, need,
                                 precision_rounding=product.uom_id.rounding):
                    hold.resize(need)
                if hold.expires_at < now + timedelta(seconds=ttl) - EXTEND_SLACK:
                    hold.extend(ttl)
                return need
            Hold.reserve(channel, product, need, self._omni_hold_reference(product, channel),
                         ttl, origin="website", extra_vals={"sale_order_id": self.id})
            return need
        except HoldError as error:
            if error.code != "insufficient_stock":
                _logger.warning("cart %s cannot hold %s of %s: %s", self.name, need,
                                product.display_name, error)
                return hold.quantity if hold else 0.0
            more = float_round(max(error.extra.get("available", 0.0), 0.0),
                               precision_rounding=self.env["omni.ats"].rounding(product),
                               rounding_method="DOWN")
        # keep what can be had
        if hold:
            if more > 0:
                hold.resize(hold.quantity + more)
            return hold.quantity
        if more > 0:
            Hold.reserve(channel, product, more,
                         self._omni_hold_reference(product, channel), ttl,
                         origin="website", extra_vals={"sale_order_id": self.id})
        return more

    def _omni_refresh_cart(self):
        """Renew the cart's holds as the shopper comes back (cart, checkout, payment
        pages): where stock went meanwhile, the cart keeps what it can hold, says so on
        the line and in the order's chatter. A product the shop cannot deliver but a
        pickup store has stays in the cart, offered for pickup (see
        :meth:`_omni_pickup_only`).

        :return: the messages, one per product whose quantity went down.
        """
        self.ensure_one()
        if not self._omni_is_cart():
            return []
        shortages = self._omni_cart_shortages(lock=False)
        pickup_only = self._omni_offer_pickup(shortages)
        messages = [
            self._omni_reduce_lines(product, needed, held)
            for product, (needed, held) in shortages.items() if product not in pickup_only
        ]
        offers = [self._omni_pickup_only_message(product, store)
                  for product, store in pickup_only.items()]
        if messages or offers:
            self.shop_warning = "\n".join(messages + offers)
        if messages:
            self._omni_note("\n".join(messages))
        return messages

    def _omni_pickup_only(self, products):
        """``{product: store}``: products of this delivery cart that the website's channel
        cannot give it but that a store of the shop's *Pick up in store* method has for
        the whole quantity of the cart (each store from its own channel)."""
        self.ensure_one()
        if not products or self._omni_pickup_warehouse():
            return {}
        needs = self._omni_storable_needs()
        found = {}
        # earned: a cart, changed only by writes on its lines (the caller's own rights) or
        # the shop's routes on the session's own cart; products the shopper may see
        for store in self.website_id.sudo().in_store_dm_id.warehouse_ids:
            todo = products.filtered(lambda p, found=found: p not in found)
            if not todo:
                break
            availability = store.sudo()._omni_pickup_availability(todo)
            for product in todo:
                if float_compare(availability[product.id][0], needs.get(product, 0.0),
                                 precision_rounding=product.uom_id.rounding) >= 0:
                    found[product] = store
        return found

    def _omni_offer_pickup(self, shortages):
        """Say on the lines of ``shortages`` that only a store can give which store has
        them; return those products (``{product: store}``), kept in the cart."""
        pickup_only = self._omni_pickup_only(
            self.env["product.product"].union(*shortages))
        for product, store in pickup_only.items():
            message = self._omni_pickup_only_message(product, store)
            self.order_line.filtered(lambda sol, p=product: sol.product_id == p).write(
                {"shop_warning": message})
        return pickup_only

    def _omni_pickup_only_message(self, product, store):
        # earned: no check needed: the name of a store of the shop's pickup method
        return self.env._(
            "%(product)s cannot be delivered, but you can pick it up in store "
            "(%(store)s has it): choose \"Pick up in store\" as delivery method.",
            product=product.with_context(display_default_code=False).display_name,
            store=store.sudo().partner_id.name or store.sudo().name)

    def _omni_cart_shortages(self, lock=True):
        """Renew the cart's holds and list what it can no longer have.

        :param lock: take the product locks (the check before payment); without, the
            check is advisory (pages the shopper comes back to).
        :return: ``{product: (needed, can have)}``, products the shop may sell beyond
            stock (backorder channels) left out.
        """
        self.ensure_one()
        shortages = self._omni_sync_cart_holds()
        for product, (held, covered) in self._omni_uncovered(lock=lock).items():
            needed, have = shortages.get(product, (held, held))
            shortages[product] = (needed, min(have, covered))
        return {product: figures for product, figures in shortages.items()
                if not self._omni_may_oversell(product)}

    def _omni_reduce_lines(self, product, needed, held):
        """Bring the cart's lines of ``product`` down to ``held``; return the message."""
        keep = held
        for line in self.order_line.filtered(lambda sol: sol.product_id == product):
            quantity = min(line.product_uom_qty, keep)
            keep -= quantity
            if quantity > 0:
                line.product_uom_qty = quantity
                line.shop_warning = self._omni_left_message(product, needed, held)
            else:
                line.unlink()
        return self._omni_left_message(product, needed, held)

    def _omni_left_message(self, product, needed, held):
        product = product.with_context(display_default_code=False)
        if held <= 0:
            return self.env._(
                "%(product)s is no longer available and was removed from your cart.",
                product=product.display_name)
        return self.env._(
            "Only %(held)s %(product)s left: your cart now holds %(held)s instead of "
            "%(needed)s.", held=_qty(held), product=product.display_name,
            needed=_qty(needed))

    def _omni_note(self, body):
        self.ensure_one()
        # earned: a note on the shopper's own cart, by OdooBot, for the team
        self.sudo().message_post(
            body=body, author_id=self.env.ref("base.partner_root").id,
            message_type="comment", subtype_xmlid="mail.mt_note")

    # ------------------------------------------------------------------ Odoo's cart hooks

    def _verify_updated_quantity(self, order_line, product_id, new_qty, **kwargs):
        """Let into the cart only what the channel can hold for it (under the lock)."""
        self.ensure_one()
        product = self.env["product.product"].browse(product_id)
        if (not self._omni_is_cart() or not product.is_storable
                or self._omni_may_oversell(product)):
            return super()._verify_updated_quantity(order_line, product_id, new_qty, **kwargs)
        self._omni_lock(product)
        available = self._omni_cart_available(product, fresh=True)[product.id]
        in_cart = sum(self._get_common_product_lines(order_line, product).mapped(
            "product_uom_qty"))
        old_qty = order_line.product_uom_qty if order_line else 0
        allowed = available - (in_cart - old_qty)
        if float_compare(new_qty, allowed, precision_rounding=product.uom_id.rounding) <= 0:
            return new_qty, ""
        allowed = float_round(max(allowed, 0.0), rounding_method="DOWN",
                              precision_rounding=self.env["omni.ats"].rounding(product))
        if allowed > 0:
            if order_line:
                warning = order_line._set_shop_warning_stock(in_cart - old_qty + new_qty,
                                                             available)
            else:
                warning = self._set_shop_warning_stock(in_cart + new_qty, available)
            return allowed, warning
        if order_line:
            self.shop_warning = self.env._(
                "Some products became unavailable and your cart has been updated. We're"
                " sorry for the inconvenience.")
            return 0, self.shop_warning
        return 0, self.env._(
            "The item has not been added to your cart since it is not available.")

    def _set_shop_warning_stock(self, desired_qty, new_qty):
        # "only 3 is available", not "only 3.0 is available"
        return super()._set_shop_warning_stock(_qty(desired_qty), _qty(new_qty))

    def _get_cart_and_free_qty(self, product, line=None):
        """Odoo's cart figures, from the cart's channel: its own holds count as its."""
        if not self._omni_is_cart():
            return super()._get_cart_and_free_qty(product, line=line)
        if not line and not product:
            return 0, 0
        product = product or line.product_id
        cart_qty = sum(self._get_common_product_lines(line, product).mapped("product_uom_qty"))
        return cart_qty, self._omni_cart_available(product)[product.id]

    def _omni_uncovered(self, lock=True):
        """Products of the cart whose holds the stock no longer covers.

        When stock falls below what the channel's carts hold (units sold in a store,
        found damaged), the carts that held first keep their units and this one gets
        what is left after them. Fresh figures, under the product lock.

        :return: ``{product: (held, covered)}``
        """
        self.ensure_one()
        # earned: a cart, changed only by writes on its lines (the caller's own rights) or
        # the shop's routes on the session's own cart; products the shopper may see
        channel = self.omni_channel_id.sudo()
        holds = self._omni_active_holds().filtered(lambda h: h.channel_id == channel)
        if not holds:
            return {}
        products = holds.product_id
        if lock:
            self._omni_lock(products)
        figures = self.env["omni.ats"].sudo().compute(products, channel=channel, detail=False,
                                                      live=lock)
        Hold = self.env["omni.stock.hold"].sudo()
        uncovered = {}
        for product in products:
            mine = holds.filtered(lambda h, product=product: h.product_id == product)
            held = sum(mine.mapped("quantity"))
            before = Hold._read_group(
                Hold._active_domain() + [("channel_id", "=", channel.id),
                                         ("product_id", "=", product.id),
                                         ("id", "<", min(mine.ids))],
                aggregates=["quantity:sum"])[0][0] or 0.0
            covered = channel._omni_available_to_holder(
                product, figures[product.id], held, held_before=before)
            if float_compare(held, covered, precision_rounding=product.uom_id.rounding) > 0:
                uncovered[product] = (held, covered)
        return uncovered

    def _check_cart_is_ready_to_be_paid(self):
        """Before payment: renew every hold of the cart (under the lock) and refuse to
        take a payment for stock the cart no longer holds."""
        for order in self.filtered(lambda o: o._omni_is_cart()):
            shortages = order._omni_cart_shortages()
            if not shortages:
                continue
            pickup_only = order._omni_offer_pickup(shortages)
            raise ValidationError("\n".join(
                [order._omni_pickup_only_message(product, store)
                 for product, store in pickup_only.items()]
                + [order._omni_left_message(product, needed, held)
                   for product, (needed, held) in shortages.items()
                   if product not in pickup_only]
                + ([self.env._("Your cart has been updated, please review it.")]
                   if len(pickup_only) < len(shortages) else [])))
        return super()._check_cart_is_ready_to_be_paid()

    def _get_unavailable_order_lines(self, wh_id):
        """Pickup in a store: the store's own channel decides, with the cart's holds."""
        if not self._omni_is_cart():
            return super()._get_unavailable_order_lines(wh_id)
        warehouse = self.env["stock.warehouse"].browse(wh_id).exists()
        lines = self.order_line.filtered(lambda sol: sol.is_storable)
        # earned: only a store of the order's pickup method (the shopper sends the id)
        stock = warehouse.sudo()._omni_pickup_availability(lines.product_id, order=self) \
            if warehouse in self.carrier_id.sudo().warehouse_ids else \
            dict.fromkeys(lines.product_id.ids, (0.0, self.env._("not offered for pickup")))
        unavailable = self.env["sale.order.line"]
        left = {product: stock.get(product.id, (0.0, ""))[0] for product in lines.product_id}
        for line in lines:
            available, reason = stock.get(line.product_id.id, (0.0, ""))
            if float_compare(line.product_uom_qty, left[line.product_id],
                             precision_rounding=line.product_id.uom_id.rounding) > 0:
                if reason and left[line.product_id] <= 0:
                    line.shop_warning = self.website_id._omni_shopper_reason(reason)
                else:
                    line.shop_warning = self.env._(
                        "Only %(new_qty)s available",
                        new_qty=_qty(max(left[line.product_id], 0)))
                unavailable |= line
            left[line.product_id] -= line.product_uom_qty
        return unavailable

    # ------------------------------------------------------------------ confirmation

    def _omni_paid_but_short(self):
        """A payment arrived for stock the cart no longer holds and the channel blocks
        such orders: leave the order unconfirmed, tell the shopper and the team."""
        self.ensure_one()
        shortages = self._omni_shortages()
        if not shortages or self.omni_channel_id.oversell_policy != "block":
            return False
        details = "\n".join(
            self.env._("- %(product)s: %(needed)s ordered, %(available)s available",
                       product=product.display_name, needed=_qty(needed),
                       available=_qty(max(available, 0)))
            for product, needed, available in shortages)
        # earned: the paid order of the payment transaction (website_sale's own confirmation)
        self.sudo().omni_shop_issue = self.env._(
            "Your payment was received, but some products were no longer available when "
            "it arrived:\n%(details)s\nYour order is on hold; we will contact you to "
            "deliver it later or refund you.", details=details)
        self._omni_note(self.env._(
            "Paid but not confirmed: the cart's holds expired and channel %(channel)s no "
            "longer has the stock (oversell policy: block).\n%(details)s\nRefund the "
            "payment or confirm the order once the stock is back.",
            channel=self.omni_channel_id.name, details=details))
        self.sudo().activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.user_id.id or self.env.uid,
            summary=self.env._("Paid order short of stock"))
        return True

    def _send_order_confirmation_mail(self):
        """A paid order is confirmed even when its e-mail cannot be made.

        Odoo sends the confirmation e-mail (with the order as PDF) inside the
        confirmation that follows the payment: a PDF that cannot be rendered (no
        ``wkhtmltopdf``) would undo the confirmation and leave a paid quotation. The
        e-mail is sent in a savepoint; if it fails, it goes again without the PDF and
        the order's chatter tells the team why.
        """
        for order in self:
            try:
                with self.env.cr.savepoint():
                    super(SaleOrder, order)._send_order_confirmation_mail()
            except psycopg2.Error:
                raise
            except Exception as error:  # an e-mail never undoes a sale
                _logger.warning("order %s: confirmation e-mail failed: %s", order.name, error)
                order._omni_confirmation_mail_failed(error)
        return None

    def _omni_confirmation_mail_failed(self, error):
        """Send the confirmation e-mail without its attachments and tell the team."""
        self.ensure_one()
        template = self._get_confirmation_template()
        sent = False
        if template:
            try:
                with self.env.cr.savepoint():
                    # earned: the e-mail Odoo sends of this order (website_sale's own flow)
                    values = template.sudo()._generate_template(
                        self.ids, ("subject", "body_html", "email_from", "partner_to",
                                   "email_to", "email_cc"))[self.id]
                    # as Odoo's own e-mail: from the shop's team, not from the visitor
                    author = self.user_id.partner_id or self.company_id.partner_id
                    self.sudo().with_context(force_send=True).message_post(
                        body=values.get("body_html"), subject=values.get("subject"),
                        author_id=author.id, email_from=values.get("email_from") or None,
                        partner_ids=values.get("partner_ids") or self.partner_id.ids,
                        message_type="comment", subtype_xmlid="mail.mt_comment",
                        email_layout_xmlid=(
                            "mail.mail_notification_layout_with_responsible_signature"))
                    sent = True
            except psycopg2.Error:
                raise
            except Exception as second:  # the team is told below
                _logger.warning("order %s: confirmation e-mail failed again: %s",
                                self.name, second)
        self._omni_note(self.env._(
            "The order is confirmed, but its confirmation e-mail failed (%(error)s). "
            "%(outcome)s Odoo makes the order's PDF with wkhtmltopdf: install it on the "
            "server if it is missing.", error=str(error) or type(error).__name__,
            outcome=self.env._("It was sent without the PDF.") if sent
            else self.env._("No e-mail was sent: send it again from the order.")))

    def _action_cancel(self):
        res = super()._action_cancel()
        self.website_id._omni_invalidate()
        return res

    def unlink(self):
        self.check_access("unlink")
        self.sudo().omni_hold_ids.filtered(lambda h: h.state == "active").action_release()
        return super().unlink()


def _qty(quantity):
    """A quantity as a shopper reads it: 2, not 2.0; 2.5 for 2.5 kg."""
    return ("%.6f" % (quantity + 0.0)).rstrip("0").rstrip(".")
