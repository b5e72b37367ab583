"""Channel holds: ATS reserved for one channel until an expiry.

Every rule of a hold lives here; the HTTP API only parses, authenticates and
maps :class:`HoldError` codes to HTTP statuses.

Concurrency: creating a hold first upserts the product's row in
``omni_stock_hold_lock`` and only then re-reads the ATS.  Concurrent creators
of holds on the same product therefore queue on that row:

* in Odoo's REPEATABLE READ transactions, the loser of the race gets a
  serialization failure (the row changed after its snapshot) and the whole
  request is retried by Odoo with a fresh snapshot that sees the winner's hold;
* :meth:`OmniStockHold.reserve_isolated` (the API) runs the check and the insert
  in a dedicated READ COMMITTED transaction: the upsert waits for the winner,
  and the ATS query that follows sees its hold, without any retry.
"""

import logging
import math
import re
import time
from datetime import timedelta

import psycopg2
from psycopg2 import errorcodes

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

_logger = logging.getLogger(__name__)

DEFAULT_TTL_SECONDS = 15 * 60
MAX_TTL_SECONDS = 7 * 24 * 3600
MAX_QUANTITY = 1_000_000
REFERENCE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/#@-]{0,63}$")
ISOLATED_TRIES = 5

HOLD_STATES = [
    ("active", "Active"),
    ("confirmed", "Confirmed"),
    ("released", "Released"),
    ("expired", "Expired"),
]
HOLD_ORIGINS = [("manual", "Manual"), ("api", "API"), ("sale", "Sale order")]

LOCK_TABLE = "omni_stock_hold_lock"


class HoldError(UserError):
    """A refused hold operation, with a stable ``code`` for integrations."""

    def __init__(self, code, message, **extra):
        super().__init__(message)
        self.code = code
        self.extra = extra


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
        ("quantity_positive", "CHECK(quantity > 0)", "A hold quantity must be positive."),
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

    @api.depends("state", "expires_at")
    def _compute_is_expired(self):
        now = fields.Datetime.now()
        for hold in self:
            hold.is_expired = hold.state == "expired" or (
                hold.state == "active" and hold.expires_at and hold.expires_at <= now
            )

    # ------------------------------------------------------------------ checks

    @api.constrains("quantity", "warehouse_id", "location_id", "channel_id")
    def _check_scope(self):
        for hold in self:
            if hold.quantity <= 0 or hold.quantity > MAX_QUANTITY:
                raise ValidationError(self.env._("A hold quantity must be above 0 and at most "
                                                 "%s.", MAX_QUANTITY))
            self._check_source(hold.channel_id, hold.warehouse_id, hold.location_id)

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
                "The reference must be 1 to 64 letters, digits or ._:/#@- characters."))
        if isinstance(quantity, bool) or not isinstance(quantity, (int, float)):
            raise HoldError("invalid_quantity", self.env._("The quantity must be a number."))
        quantity = float(quantity)
        if not math.isfinite(quantity) or quantity <= 0 or quantity > MAX_QUANTITY:
            raise HoldError("invalid_quantity", self.env._(
                "The quantity must be above 0 and at most %s.", MAX_QUANTITY))
        if not product or not product.is_storable:
            raise HoldError("unknown_sku", self.env._("Unknown or non-storable product."))
        rounding = self.env["omni.ats"].rounding(product)
        if abs(quantity / rounding - round(quantity / rounding)) > 1e-6:
            raise HoldError("invalid_quantity", self.env._(
                "The quantity must be a multiple of %s.", rounding))
        if ttl_seconds is None:
            ttl_seconds = DEFAULT_TTL_SECONDS
        if (isinstance(ttl_seconds, bool) or not isinstance(ttl_seconds, (int, float))
                or not 1 <= ttl_seconds <= MAX_TTL_SECONDS):
            raise HoldError("invalid_payload", self.env._(
                "ttl_seconds must be between 1 and %s.", MAX_TTL_SECONDS))
        return quantity, int(ttl_seconds)

    def _matches(self, product, quantity, warehouse=None, location=None):
        self.ensure_one()
        return (
            self.product_id == product
            and abs(self.quantity - quantity) < 1e-9
            and self.warehouse_id == (warehouse or self.env["stock.warehouse"])
            and self.location_id == (location or self.env["stock.location"])
        )

    # ------------------------------------------------------------------ reserve

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
        available = engine.compute(product, channel=channel, detail=False)[product.id]["ats"]
        scope = location or (warehouse and warehouse.view_location_id)
        if scope:
            # physical stock of the scope not held by anybody
            local = engine.compute(product, locations=scope, detail=False)[product.id]["ats"]
            available = min(available, local)
        return available

    @api.model_create_multi
    def create(self, vals_list):
        """Create holds after re-checking the ATS under the product lock."""
        if not self.env.context.get("omni_hold_locked"):
            self._lock_product(
                [vals["product_id"] for vals in vals_list if vals.get("product_id")])
        holds = self.browse()
        for vals in vals_list:
            vals.setdefault(
                "expires_at", fields.Datetime.now() + timedelta(seconds=DEFAULT_TTL_SECONDS))
            channel = self.env["omni.channel"].browse(vals.get("channel_id"))
            product = self.env["product.product"].browse(vals.get("product_id"))
            quantity = vals.get("quantity") or 0.0
            warehouse = self.env["stock.warehouse"].browse(vals.get("warehouse_id"))
            location = self.env["stock.location"].browse(vals.get("location_id"))
            if channel and product and (vals.get("state") or "active") == "active":
                self._check_source(channel, warehouse, location)
                available = self._available(channel, product, warehouse, location)
                if quantity > available + 1e-9:
                    raise HoldError(
                        "insufficient_stock",
                        self.env._("Only %(available)s of %(product)s available to "
                                   "%(channel)s, %(quantity)s requested.",
                                   available=available, product=product.display_name,
                                   channel=channel.name, quantity=quantity),
                        available=available,
                    )
            holds |= super().create([vals])
        return holds

    @api.model
    def reserve(self, channel, product, quantity, reference, ttl_seconds=None,
                warehouse=None, location=None, origin="manual"):
        """Hold ``quantity`` of ``product`` for ``channel``, idempotently.

        :return: ``(hold, created)``; an existing hold of the same channel and
            reference with the same product, quantity and scope is returned
            with ``created = False``.
        :raise HoldError: ``invalid_quantity``, ``invalid_payload``,
            ``unknown_sku``, ``reference_conflict`` or ``insufficient_stock``.
        """
        channel.ensure_one()
        quantity, ttl_seconds = self._validate_request(product, quantity, reference, ttl_seconds)
        return self._reserve(channel, product, quantity, reference, ttl_seconds,
                             warehouse=warehouse, location=location, origin=origin)

    @api.model
    def _reserve(self, channel, product, quantity, reference, ttl_seconds,
                 warehouse=None, location=None, origin="manual"):
        """:meth:`reserve` of parameters already checked by :meth:`_validate_request`."""
        # lock first: in READ COMMITTED the search below then sees a concurrent twin
        self._lock_product(product.ids)
        existing = self.search([("channel_id", "=", channel.id), ("reference", "=", reference)])
        if existing:
            if not existing._matches(product, quantity, warehouse, location):
                raise HoldError("reference_conflict", self.env._(
                    "Reference %s already holds another product or quantity.", reference))
            return existing, False
        hold = self.with_context(omni_hold_locked=True).create({
            "channel_id": channel.id,
            "product_id": product.id,
            "quantity": quantity,
            "reference": reference,
            "warehouse_id": warehouse.id if warehouse else False,
            "location_id": location.id if location else False,
            "expires_at": fields.Datetime.now() + timedelta(seconds=ttl_seconds),
            "origin": origin,
        })
        return hold.with_context(omni_hold_locked=False), True

    @api.model
    def reserve_isolated(self, channel, product, quantity, reference, ttl_seconds=None,
                         warehouse=None, location=None, origin="api"):
        """:meth:`reserve` in its own READ COMMITTED transaction, committed at once.

        Only when the caller's transaction has not written anything yet;
        otherwise (the second transaction would not see its writes) this is
        :meth:`reserve`, serialized by the product lock and Odoo's retries.

        For callers whose transaction only reads (the HTTP API): concurrent
        creators wait on the product lock instead of failing and retrying.
        Returns ``(values, created)`` where ``values`` is :meth:`_api_values`,
        read before the commit (the caller's snapshot may not see the hold).
        """
        channel.ensure_one()
        # the parameters and the product's settings do not depend on concurrent holds:
        # check them here, with the records this transaction has read already
        quantity, ttl_seconds = self._validate_request(product, quantity, reference, ttl_seconds)
        args = (quantity, reference, ttl_seconds)
        self.env.flush_all()
        self.env.cr.execute("SELECT pg_current_xact_id_if_assigned() IS NOT NULL")
        if self.env.cr.fetchone()[0] or self.env.registry.in_test_mode():
            # the caller's transaction wrote already (tests, or a flow creating the product,
            # the order...): another transaction would not see that; hold in this one
            hold, created = self._reserve(channel, product, *args, warehouse=warehouse,
                                          location=location, origin=origin)
            return hold._api_values(), created
        for tryno in range(1, ISOLATED_TRIES + 1):
            try:
                with self.env.registry.cursor() as cr:
                    cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
                    env = self.env(cr=cr)
                    hold, created = env[self._name]._reserve(
                        channel.with_env(env), product.with_env(env), *args,
                        warehouse=warehouse.with_env(env) if warehouse else None,
                        location=location.with_env(env) if location else None,
                        origin=origin,
                    )
                    values = hold._api_values()
                    env.flush_all()
                return values, created
            except psycopg2.Error as exc:
                # a concurrent request with the same reference won the unique index, or a
                # deadlock/serialization failure: try again, the next round sees the winner
                retry = exc.pgcode in (
                    errorcodes.UNIQUE_VIOLATION, errorcodes.SERIALIZATION_FAILURE,
                    errorcodes.DEADLOCK_DETECTED, errorcodes.LOCK_NOT_AVAILABLE,
                )
                if not retry or tryno == ISOLATED_TRIES:
                    _logger.warning("hold %s of channel %s failed: %s", reference,
                                    channel.code, exc)
                    raise HoldError("busy", self.env._(
                        "Too many concurrent requests, please retry.")) from exc
                time.sleep(0.01 * tryno)
        raise HoldError("busy", self.env._("Too many concurrent requests, please retry."))

    def _api_values(self):
        self.ensure_one()
        now = fields.Datetime.now()
        state = "expired" if self.state == "active" and self.expires_at <= now else self.state
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

    # ------------------------------------------------------------------ life cycle

    def _check_open(self, action):
        now = fields.Datetime.now()
        for hold in self:
            if hold.state == "expired" or (hold.state == "active" and hold.expires_at <= now):
                raise HoldError("hold_expired", self.env._(
                    "Hold %(reference)s expired on %(date)s; it cannot be %(action)s.",
                    reference=hold.reference, date=hold.expires_at, action=action))
            if hold.state != "active":
                raise HoldError("hold_not_active", self.env._(
                    "Hold %(reference)s is %(state)s; it cannot be %(action)s.",
                    reference=hold.reference, state=hold.state, action=action))

    def _set_state(self, state):
        holds = self.filtered(lambda h: h.state != state)
        if holds:
            # the change feed hears of it from a trigger on omni_stock_hold
            holds.write({"state": state, "done_date": fields.Datetime.now()})
        return True

    def action_release(self):
        """Give the held stock back; releasing a closed hold changes nothing."""
        active = self.filtered(lambda h: h.state == "active")
        expired = active.filtered("is_expired")
        expired._set_state("expired")
        (active - expired)._set_state("released")
        return True

    def action_confirm_hold(self):
        """The hold became an order: it stops counting (the order reserves the stock)."""
        self._check_open(self.env._("confirmed"))
        return self._set_state("confirmed")

    @api.model
    def _cron_expire(self, limit=10000):
        holds = self.sudo().search(
            [("state", "=", "active"), ("expires_at", "<=", fields.Datetime.now())],
            limit=limit,
        )
        holds._set_state("expired")
        return len(holds)

    def write(self, vals):
        frozen = {"channel_id", "product_id", "quantity", "reference", "warehouse_id",
                  "location_id"} & set(vals)
        if frozen and any(hold.state == "active" for hold in self):
            raise UserError(self.env._(
                "Release the hold and create another one to change what it holds."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_closed(self):
        if any(hold.state == "active" for hold in self):
            raise UserError(self.env._("Release active holds before deleting them."))

    def _api_confirm(self, payload):
        """Confirm from the API (idempotent); ``omni_stock_sale`` makes the order.

        :return: extra keys of the API response.
        """
        self.ensure_one()
        if self.state != "confirmed":
            self.action_confirm_hold()
        return {}
