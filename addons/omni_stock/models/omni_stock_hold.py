"""Channel holds: ATS reserved for one channel until an expiry.

Every rule of a hold lives here; the HTTP API, the shop and the POS only
parse their input and call :meth:`OmniStockHold.reserve`, :meth:`resize`,
:meth:`extend`, :meth:`action_release` and :meth:`action_confirm_hold`.

Concurrency: creating or growing a hold first upserts the product's row in
``omni_stock_hold_lock`` and only then re-reads the ATS.  Concurrent creators
of holds on the same product therefore queue on that row:

* in a READ COMMITTED transaction (the API starts one, see
  :func:`..tools.db.begin_read_committed`), the upsert waits for the winner
  and the ATS read that follows sees its hold: no retry, no oversell;
* in Odoo's usual REPEATABLE READ transactions, the loser of the race gets a
  serialization failure (the row changed after its snapshot) and Odoo retries
  the whole request with a fresh snapshot that sees the winner's hold.

A hold changes state only through its actions; no context key switches a
check off.
"""

import re
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_compare

from ..exceptions import OmniError as HoldError
from ..tools import validate
from ..tools.guard import internal_write, is_internal_write, without_defaults

DEFAULT_TTL_SECONDS = 15 * 60
MAX_TTL_SECONDS = 7 * 24 * 3600
MAX_QUANTITY = 1_000_000
# no "/": a reference is a path segment of the API's routes
REFERENCE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:#@-]{0,63}$")

HOLD_STATES = [
    ("active", "Active"),
    ("confirmed", "Confirmed"),
    ("released", "Released"),
    ("expired", "Expired"),
]
HOLD_ORIGINS = [("manual", "Manual"), ("api", "API"), ("sale", "Sale order")]
# what a hold holds: fixed once created (resize() is the one way to change the quantity)
FROZEN_FIELDS = {"channel_id", "product_id", "quantity", "reference", "warehouse_id",
                 "location_id", "origin", "user_id"}
# what only the hold's own actions change
LIFECYCLE_FIELDS = {"state", "expires_at", "done_date"}


class OmniStockHold(models.Model):
    """Quantity of a product held for one channel until it expires."""

    _name = "omni.stock.hold"
    _description = "Channel Stock Hold"
    _order = "create_date desc, id desc"
    _rec_name = "reference"
    _check_company_auto = True

    reference = fields.Char(
        required=True, readonly=True, index=True,
        help="External reference (cart, order or request id); unique per channel.",
    )
    channel_id = fields.Many2one(
        "omni.channel", required=True, readonly=True, index=True, ondelete="restrict",
        check_company=True,
    )
    company_id = fields.Many2one(
        related="channel_id.company_id", store=True, index=True, readonly=True, precompute=True,
    )
    product_id = fields.Many2one(
        "product.product", required=True, readonly=True, index=True, ondelete="restrict",
        domain=[("is_storable", "=", True)],
    )
    quantity = fields.Float(required=True, readonly=True, digits="Product Unit of Measure")
    uom_id = fields.Many2one(related="product_id.uom_id")
    warehouse_id = fields.Many2one(
        "stock.warehouse", readonly=True, check_company=True,
        help="Hold the stock of this warehouse only (default: the channel's sources).",
    )
    location_id = fields.Many2one(
        "stock.location", readonly=True, check_company=True,
        domain=[("usage", "=", "internal")],
        help="Hold the stock of this location and its children only.",
    )
    state = fields.Selection(HOLD_STATES, required=True, default="active", readonly=True,
                             index=True)
    expires_at = fields.Datetime(required=True, readonly=True, index=True)
    origin = fields.Selection(HOLD_ORIGINS, required=True, default="manual", readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Created By", readonly=True, default=lambda self: self.env.user
    )
    done_date = fields.Datetime("Closed On", readonly=True)
    is_expired = fields.Boolean(compute="_compute_is_expired")

    _sql_constraints = [
        ("channel_reference_uniq", "unique(channel_id, reference)",
         "A hold reference must be unique per channel."),
    ]

    def init(self):
        cr = self.env.cr
        cr.execute("""
            CREATE TABLE IF NOT EXISTS omni_stock_hold_lock (
                product_id integer PRIMARY KEY
                    REFERENCES product_product(id) ON DELETE CASCADE,
                version bigint NOT NULL DEFAULT 0
            )
        """)
        cr.execute("""
            CREATE INDEX IF NOT EXISTS omni_stock_hold_active_idx
                ON omni_stock_hold (product_id, expires_at) WHERE state = 'active'
        """)
        cr.execute("ALTER TABLE omni_stock_hold DROP CONSTRAINT IF EXISTS "
                   "omni_stock_hold_quantity_positive")

    # ------------------------------------------------------------------ the active rule

    @api.model
    def _active_domain(self, now=None):
        """Holds that count: active and not expired (even before the expiry job ran)."""
        return [("state", "=", "active"), ("expires_at", ">", now or fields.Datetime.now())]

    @api.model
    def _active_sql(self, alias, now=None):
        """:meth:`_active_domain` as an SQL condition on the table aliased ``alias``."""
        return SQL("%(state)s = 'active' AND %(expires)s > %(now)s",
                   state=SQL.identifier(alias, "state"),
                   expires=SQL.identifier(alias, "expires_at"),
                   now=now or fields.Datetime.now())

    def _is_active(self, now=None):
        self.ensure_one()
        return self.state == "active" and self.expires_at > (now or fields.Datetime.now())

    @api.depends("state", "expires_at")
    def _compute_is_expired(self):
        now = fields.Datetime.now()
        for hold in self:
            hold.is_expired = hold.state == "expired" or (
                hold.state == "active" and hold.expires_at and not hold._is_active(now))

    # ------------------------------------------------------------------ checks

    @api.model
    def _check_quantity(self, product, quantity):
        """The one rule for a hold quantity; returns it as a float."""
        quantity = validate.quantity(self.env, quantity, maximum=MAX_QUANTITY)
        rounding = self.env["omni.ats"].rounding(product)
        steps = quantity / rounding
        if round(steps) < 1 or float_compare(
                steps, round(steps), precision_rounding=product.uom_id.rounding):
            raise HoldError("invalid_quantity", self.env._(
                "The quantity must be a multiple of %s.", rounding))
        return quantity

    @api.model
    def _check_ttl(self, ttl_seconds):
        if ttl_seconds is None:
            return DEFAULT_TTL_SECONDS
        return int(validate.number(self.env, ttl_seconds, "ttl_seconds", minimum=1,
                                   maximum=MAX_TTL_SECONDS, code="invalid_payload"))

    @api.model
    def _check_expiry(self, expires_at):
        now = fields.Datetime.now()
        expires_at = fields.Datetime.to_datetime(expires_at)
        if not expires_at or not now < expires_at <= now + timedelta(seconds=MAX_TTL_SECONDS):
            raise HoldError("invalid_payload", self.env._(
                "A hold expires in the future, at most %s days from now.",
                MAX_TTL_SECONDS // 86400))
        return expires_at

    @api.model
    def _check_source(self, channel, warehouse, location):
        """A hold may only name a warehouse or location the channel sells from."""
        if not warehouse and not location:
            return
        sources = channel._source_locations()
        if location and location not in sources:
            raise HoldError("invalid_payload", self.env._(
                "%(location)s is not a source of channel %(channel)s.",
                location=location.display_name, channel=channel.name))
        if warehouse and not (channel.warehouse_ids & warehouse
                              or warehouse.lot_stock_id in sources):
            raise HoldError("invalid_payload", self.env._(
                "%(warehouse)s is not a source of channel %(channel)s.",
                warehouse=warehouse.name, channel=channel.name))

    @api.model
    def _validate_request(self, product, quantity, reference, ttl_seconds):
        """Normalise and check the parameters of :meth:`reserve`."""
        if not isinstance(reference, str) or not REFERENCE_RE.match(reference):
            raise HoldError("invalid_payload", self.env._(
                "The reference must be 1 to 64 letters, digits or ._:#@- characters."))
        if not product or not product.is_storable:
            raise HoldError("unknown_sku", self.env._("Unknown or non-storable product."))
        return self._check_quantity(product, quantity), self._check_ttl(ttl_seconds)

    def _matches(self, product, quantity, warehouse=None, location=None):
        self.ensure_one()
        return (
            self.product_id == product
            and not float_compare(self.quantity, quantity,
                                  precision_rounding=product.uom_id.rounding)
            and self.warehouse_id == (warehouse or self.env["stock.warehouse"])
            and self.location_id == (location or self.env["stock.location"])
        )

    # ------------------------------------------------------------------ availability

    @api.model
    def _lock_product(self, product_ids):
        """Serialize hold creation per product (see the module docstring)."""
        self.env.cr.execute("""
            INSERT INTO omni_stock_hold_lock AS l (product_id)
            SELECT unnest(%s::int[]) ORDER BY 1
            ON CONFLICT (product_id) DO UPDATE SET version = l.version + 1
        """, [sorted(set(product_ids))])

    @api.model
    def _available(self, channel, product, warehouse=None, location=None):
        """What ``channel`` may still hold of ``product`` (within a scope if given)."""
        engine = self.env["omni.ats"]
        # under the product lock: the live engine, never the maintained state
        available = engine.compute(product, channel=channel, detail=False,
                                   live=True)[product.id]["ats"]
        scope = location or (warehouse and warehouse.view_location_id)
        if scope:
            # physical stock of the scope not held by anybody
            local = engine.compute(product, locations=scope, detail=False)[product.id]["ats"]
            available = min(available, local)
        return available

    def _ensure_available(self, channel, product, quantity, warehouse=None, location=None):
        """Raise ``insufficient_stock`` unless ``quantity`` more may be held (under the lock)."""
        available = self._available(channel, product, warehouse, location)
        if float_compare(quantity, available, precision_rounding=product.uom_id.rounding) > 0:
            raise HoldError(
                "insufficient_stock",
                self.env._("Only %(available)s of %(product)s available to %(channel)s, "
                           "%(quantity)s requested.",
                           available=available, product=product.display_name,
                           channel=channel.name, quantity=quantity),
                available=available,
            )
        return available

    # ------------------------------------------------------------------ create

    @api.model
    def _prepare_hold_vals(self, channel, product, quantity, reference, ttl_seconds,
                           warehouse=None, location=None, origin="manual"):
        return {
            "channel_id": channel.id,
            "product_id": product.id,
            "quantity": quantity,
            "reference": reference,
            "warehouse_id": warehouse.id if warehouse else False,
            "location_id": location.id if location else False,
            "expires_at": fields.Datetime.now() + timedelta(seconds=ttl_seconds),
            "origin": origin,
        }

    @api.model_create_multi
    def create(self, vals_list):
        """Create active holds after re-checking the ATS under the product lock.

        A hold's state, creator and closing date come from its fields' defaults, never
        from ``default_*`` keys of the caller's context."""
        self = without_defaults(self)  # noqa: PLW0642
        self._lock_product([vals["product_id"] for vals in vals_list if vals.get("product_id")])
        for vals in vals_list:
            if vals.get("state", "active") != "active" or vals.get("done_date"):
                raise HoldError("invalid_payload", self.env._(
                    "A hold is created active; release or confirm it afterwards."))
            vals["expires_at"] = self._check_expiry(vals.get("expires_at") or (
                fields.Datetime.now() + timedelta(seconds=DEFAULT_TTL_SECONDS)))
        holds = self.browse()
        # one at a time: each hold must see the ones created before it
        for vals in vals_list:
            channel = self.env["omni.channel"].browse(vals.get("channel_id"))
            product = self.env["product.product"].browse(vals.get("product_id"))
            warehouse = self.env["stock.warehouse"].browse(vals.get("warehouse_id"))
            location = self.env["stock.location"].browse(vals.get("location_id"))
            if channel and product:
                quantity = self._check_quantity(product, vals.get("quantity"))
                self._check_source(channel, warehouse, location)
                self._ensure_available(channel, product, quantity, warehouse, location)
            holds |= super().create([vals])
        return holds

    @api.model
    def reserve(self, channel, product, quantity, reference, ttl_seconds=None,
                warehouse=None, location=None, origin="manual", extra_vals=None):
        """Hold ``quantity`` of ``product`` for ``channel``, idempotently.

        :return: ``(hold, created)``; an existing hold of the same channel and
            reference with the same product, quantity and scope is returned
            with ``created = False``.
        :param extra_vals: more values of the new hold (e.g. the order it is for).
        :raise HoldError: ``invalid_quantity``, ``invalid_payload``,
            ``unknown_sku``, ``reference_conflict`` or ``insufficient_stock``.
        """
        channel.ensure_one()
        quantity, ttl_seconds = self._validate_request(product, quantity, reference, ttl_seconds)
        # lock first: in READ COMMITTED the search below then sees a concurrent twin
        self._lock_product(product.ids)
        existing = self.search([("channel_id", "=", channel.id), ("reference", "=", reference)])
        if existing:
            if existing.origin != origin or not existing._matches(
                    product, quantity, warehouse, location):
                raise HoldError("reference_conflict", self.env._(
                    "Reference %s already holds another product or quantity.", reference))
            return existing, False
        hold = self.create({**self._prepare_hold_vals(
            channel, product, quantity, reference, ttl_seconds, warehouse, location, origin),
            **(extra_vals or {})})
        return hold, True

    # ------------------------------------------------------------------ life cycle

    def _ensure_open(self):
        """Raise unless every hold of ``self`` is active and unexpired."""
        now = fields.Datetime.now()
        for hold in self:
            if hold.state == "expired" or (hold.state == "active" and not hold._is_active(now)):
                raise HoldError("hold_expired", self.env._(
                    "Hold %(reference)s expired on %(date)s.",
                    reference=hold.reference, date=hold.expires_at))
            if hold.state != "active":
                raise HoldError("hold_not_active", self.env._(
                    "Hold %(reference)s is no longer active (%(state)s).",
                    reference=hold.reference,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        hold.state]))

    def _write_lifecycle(self, vals):
        # earned: check_access("write") in the hold's actions; else the expiry cron and the
        # server flows (order, POS, API, cart) acting on their own holds
        with internal_write():
            return self.sudo().write(vals)

    def _set_state(self, state):
        holds = self.filtered(lambda h: h.state != state)
        if holds:
            # the change feed hears of it from a trigger on omni_stock_hold
            holds._write_lifecycle({"state": state, "done_date": fields.Datetime.now()})
        return True

    def action_release(self):
        """Give the held stock back; releasing a closed hold changes nothing."""
        self.check_access("write")
        active = self.filtered(lambda h: h.state == "active")
        expired = active.filtered("is_expired")
        expired._set_state("expired")
        (active - expired)._set_state("released")
        return True

    def action_confirm_hold(self):
        """The hold became an order: it stops counting (the order reserves the stock)."""
        self.check_access("write")
        self._ensure_open()
        return self._set_state("confirmed")

    def resize(self, quantity):
        """Hold ``quantity`` instead (a cart line changed); more is re-checked under the lock."""
        validate.one(self, self.env._("hold"))
        self.check_access("write")
        self._ensure_open()
        quantity = self._check_quantity(self.product_id, quantity)
        more = quantity - self.quantity
        if float_compare(more, 0, precision_rounding=self.product_id.uom_id.rounding) > 0:
            self._lock_product(self.product_id.ids)
            self._ensure_available(self.channel_id, self.product_id, more,
                                   self.warehouse_id, self.location_id)
        with internal_write():
            self.sudo().write({"quantity": quantity})
        return True

    def extend(self, ttl_seconds):
        """Keep the hold ``ttl_seconds`` from now (the shopper is still there)."""
        self.check_access("write")
        self._ensure_open()
        expires_at = self._check_expiry(
            fields.Datetime.now() + timedelta(seconds=self._check_ttl(ttl_seconds)))
        self._write_lifecycle({"expires_at": expires_at})
        return True

    @api.model
    def _cron_expire(self, limit=10000):
        # earned: the expiry cron's (private): every company's expired holds
        holds = self.sudo().search(
            [("state", "=", "active"), ("expires_at", "<=", fields.Datetime.now())],
            limit=limit,
        )
        holds._set_state("expired")
        return len(holds)

    def _frozen_fields(self):
        """What a hold holds: fixed once created, except by its own actions."""
        return FROZEN_FIELDS

    def write(self, vals):
        if not is_internal_write():
            self.check_access("write")
            if self._frozen_fields() & set(vals):
                raise UserError(self.env._(
                    "Release the hold and create another one to change what it holds."))
            if LIFECYCLE_FIELDS & set(vals):
                raise UserError(self.env._(
                    "A hold changes state only through its Release and Confirm actions."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_closed(self):
        if any(hold.state == "active" for hold in self):
            raise UserError(self.env._("Release active holds before deleting them."))

    # ------------------------------------------------------------------ API

    def _api_values(self):
        self.ensure_one()
        state = "expired" if self.is_expired else self.state
        return {
            "id": self.id,
            "reference": self.reference,
            "channel": self.channel_id.code,
            "sku": self.product_id.default_code,
            "qty": self.quantity,
            "state": state,
            "expires_at": self.expires_at.isoformat() + "Z",
            "warehouse": self.warehouse_id.code or None,
            "location": self.location_id.complete_name or None,
        }

    def _api_confirm(self, payload):
        """Confirm from the API (idempotent); ``omni_stock_sale`` makes the order.

        :return: extra keys of the API response.
        """
        self.ensure_one()
        if self.state != "confirmed":
            self.action_confirm_hold()
        return {}
