"""Integration side of channels: integration users, their API keys, rate limits.

An integration (a marketplace, an external shop) is a *portal* user of the
group *Omnichannel / Integration* linked to exactly one channel
(``res.users.omni_channel_id``). Its API keys have the scope ``API_SCOPE``:
they open the availability/hold API and nothing else (Odoo's XML-RPC and
JSON-RPC only accept keys of the ``rpc`` scope), and the user has no internal
rights, no password and no access rights of its own: the API acts for it
after authenticating the key.
"""

import hashlib
import time

from odoo import api, fields, models
from odoo.addons.base.models.res_users import INDEX_SIZE
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..exceptions import OmniError
from ..tools import validate

API_SCOPE = "omni_stock_api"
MAX_SKUS = 500
INTEGRATION_GROUP = "omni_stock.group_omni_integration"

# Per-worker cache of verified API keys:
# (database, sha256(key)) -> (uid, key id, valid until).
# Only a successful pbkdf2 verification fills it (never the key itself, never a refusal).
# A hit still re-reads the key row (one indexed query instead of ~4 ms of pbkdf2), so a
# deleted/revoked or expired key, or a deactivated user, is refused at once in every
# worker; the entry is re-verified with pbkdf2 at least every KEY_CACHE_SECONDS.
KEY_CACHE_SECONDS = 60
KEY_CACHE_SIZE = 1024
_KEY_CACHE = {}


class OmniChannel(models.Model):
    _inherit = "omni.channel"

    hold_ids = fields.One2many("omni.stock.hold", "channel_id", string="Holds")
    active_hold_count = fields.Integer(compute="_compute_active_hold_count")
    integration_user_ids = fields.One2many(
        "res.users", "omni_channel_id", string="Integration Users",
        help="Users whose API keys act for this channel on the availability API.",
    )
    low_stock_qty = fields.Float(
        string="Low Stock Threshold", default=5.0,
        help="The API reports an ATS above zero and at most this quantity as 'low'.",
    )

    @api.depends("hold_ids.state", "hold_ids.expires_at")
    def _compute_active_hold_count(self):
        Hold = self.env["omni.stock.hold"]
        data = Hold._read_group(
            [("channel_id", "in", self.ids), *Hold._active_domain()],
            ["channel_id"], ["__count"],
        )
        counts = {channel.id: count for channel, count in data}
        for channel in self:
            channel.active_hold_count = counts.get(channel.id, 0)

    def action_view_holds(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "omni_stock.action_omni_stock_hold")
        action["domain"] = [("channel_id", "=", self.id)]
        action["context"] = {"search_default_active_holds": 1}
        return action

    def _sharing_channels(self):
        """Channels drawing on at least one source location of this channel (itself too)."""
        self.ensure_one()
        mine = set(self._source_locations().ids)
        channels = self.search([("company_id", "=", self.company_id.id)])
        return channels.filtered(lambda c: c == self or mine & set(c._source_locations().ids))

    # ------------------------------------------------------------------ API answers

    def _api_status(self, ats):
        """Availability status the API reports for ``ats``."""
        self.ensure_one()
        if ats <= 0:
            return "out"
        return "low" if ats <= self.low_stock_qty else "in_stock"

    def _api_products(self, skus):
        """``{sku: product}`` of the storable products this channel may sell."""
        self.ensure_one()
        products = self.env["product.product"].with_company(self.company_id).search([
            ("default_code", "in", list(skus)), ("is_storable", "=", True),
            ("company_id", "in", [False, self.company_id.id]),
        ])
        return {product.default_code: product for product in products}

    def _api_product(self, sku):
        if not isinstance(sku, str) or not sku:
            raise OmniError("invalid_payload", self.env._("sku must be a non-empty string."))
        product = self._api_products([sku]).get(sku)
        if not product:
            raise OmniError("unknown_sku", self.env._("Unknown SKU %s.", sku))
        return product

    def _api_warehouse(self, code):
        """The warehouse of this channel's company with that code (sources: the hold's rule)."""
        if code is None:
            return None
        code = validate.text(self.env, code, "warehouse", max_length=64)
        warehouse = self.env["stock.warehouse"].search(
            [("code", "=", code), ("company_id", "=", self.company_id.id)], limit=1)
        if not warehouse:
            raise OmniError("invalid_payload", self.env._("Unknown warehouse %s.", code))
        return warehouse

    def _api_items(self, products):
        """Availability items of ``products`` for this channel, in their order."""
        self.ensure_one()
        engine = self.env["omni.ats"]
        figures = engine.compute(products, channel=self, detail=False)
        supply = list(engine._supply_kinds())
        items = []
        for product in products:
            values = figures.get(product.id, {})
            ats = values.get("ats", 0.0)
            items.append({
                "sku": product.default_code,
                "ats": ats,
                "incoming": values.get("incoming", 0.0),
                "status": self._api_status(ats),
                **{kind: values.get(kind, 0.0) for kind in supply},
            })
        return items

    def _api_as_of(self):
        """The moment the figures describe: now on the primary; on a replica, the commit
        time of the last transaction it replayed (its lag)."""
        self.env.cr.execute("""
            SELECT CASE WHEN pg_is_in_recovery()
                        THEN LEAST(pg_last_xact_replay_timestamp(), statement_timestamp())
                        ELSE statement_timestamp() END AT TIME ZONE 'UTC'
        """)
        return self.env.cr.fetchone()[0].isoformat() + "Z"

    def _api_availability(self, skus):
        """The answer to ``GET availability?skus=A,B,C``."""
        self.ensure_one()
        if not isinstance(skus, str):
            raise OmniError("invalid_payload", self.env._("Give the SKUs: ?skus=A,B,C"))
        wanted = list(dict.fromkeys(sku.strip() for sku in skus.split(",") if sku.strip()))
        if not wanted:
            raise OmniError("invalid_payload", self.env._("Give the SKUs: ?skus=A,B,C"))
        if len(wanted) > MAX_SKUS:
            raise OmniError("invalid_payload", self.env._("At most %s SKUs per call.", MAX_SKUS))
        by_sku = self._api_products(wanted)
        products = self.env["product.product"].browse(
            [by_sku[sku].id for sku in wanted if sku in by_sku])
        return {
            "channel": self.code,
            "as_of": self._api_as_of(),
            "items": self._api_items(products),
            "unknown": [sku for sku in wanted if sku not in by_sku],
        }

    def _api_changes(self, cursor, limit):
        """The answer to ``GET availability/changes?cursor=&limit=``."""
        self.ensure_one()
        page = self.env["omni.stock.change"].read_feed(self, cursor or None, limit)
        return {
            "channel": self.code,
            "as_of": self._api_as_of(),
            "full": page["full"],
            "items": self._api_items(page["products"]),
            "removed": page["removed"],
            "next_cursor": page["next_cursor"],
            "has_more": page["has_more"],
        }

    def _api_hold(self, reference):
        """A hold this channel's integrations made through the API."""
        self.ensure_one()
        hold = self.env["omni.stock.hold"].search([
            ("channel_id", "=", self.id), ("reference", "=", reference), ("origin", "=", "api"),
        ])
        if not hold:
            raise OmniError("hold_not_found", self.env._(
                "No hold %(reference)s in channel %(channel)s.",
                reference=reference, channel=self.code))
        return hold

    # ------------------------------------------------------------------ integration users

    def _omni_integration_user(self):
        """The integration user of this channel, created (portal, no rights) when missing."""
        self.ensure_one()
        Users = self.env["res.users"].with_context(active_test=False)
        user = Users.search([("omni_channel_id", "=", self.id)], limit=1)
        if not user:
            user = Users.with_context(no_reset_password=True).create(
                self._prepare_integration_user_vals())
        user.active = True
        return user

    def _prepare_integration_user_vals(self):
        self.ensure_one()
        return {
            "name": self.env._("API %s", self.name),
            "login": f"omni-api-{self.code}",
            "company_id": self.company_id.id,
            "company_ids": [fields.Command.set(self.company_id.ids)],
            "omni_channel_id": self.id,
            "groups_id": [fields.Command.set([self.env.ref("base.group_portal").id,
                                              self.env.ref(INTEGRATION_GROUP).id])],
        }

    def _omni_new_api_key(self, name, expiration=None):
        """A new API key of this channel's integration user (shown once, stored hashed)."""
        user = self._omni_integration_user()
        user.check_access("write")  # user administrators only
        return self.env["res.users.apikeys"].with_user(user).sudo()._generate(
            API_SCOPE, name, expiration)


class ResUsers(models.Model):
    _inherit = "res.users"

    omni_channel_id = fields.Many2one(
        "omni.channel", string="Integration Channel", ondelete="restrict", index=True,
        help="Makes this user an integration user of exactly this channel: its API keys "
        "read the channel's availability and hold stock for it, and nothing else.",
    )
    omni_rate_per_minute = fields.Integer(
        string="API Requests per Minute", default=600,
        help="Sustained request rate allowed to this integration's API keys.",
    )
    omni_rate_burst = fields.Integer(
        string="API Burst", default=120,
        help="Requests this integration may send at once above the sustained rate.",
    )

    @api.constrains("omni_channel_id", "company_ids", "groups_id")
    def _check_omni_integration_user(self):
        for user in self.filtered("omni_channel_id"):
            # earned: a constraint: the channel's company is read only to refuse a mismatch
            channel = user.sudo().omni_channel_id
            if channel.company_id not in user.company_ids:
                raise ValidationError(self.env._(
                    "Integration user %(user)s must belong to the company of channel "
                    "%(channel)s.", user=user.name, channel=channel.name))
            if not user.share:
                raise ValidationError(self.env._(
                    "Integration user %s must not be an internal user: give it the Portal "
                    "type and the Omnichannel / Integration group only.", user.name))

    @api.constrains("omni_rate_per_minute", "omni_rate_burst")
    def _check_omni_rate(self):
        if any(user.omni_rate_per_minute < 1 or user.omni_rate_burst < 1 for user in self):
            raise ValidationError(self.env._("API rate and burst must be at least 1."))

    def _omni_throttle(self):
        """Take one request from this integration's token bucket (shared by every worker
        and server: the bucket is a row in PostgreSQL). Commit right after.

        :raise OmniError: ``rate_limited`` with ``retry_after`` (seconds).
        """
        self.ensure_one()
        cr = self.env.cr
        params = {"user": self.id, "rate": self.omni_rate_per_minute / 60.0,
                  "burst": float(self.omni_rate_burst)}
        cr.execute(SQL(
            """
            INSERT INTO omni_api_rate_bucket AS b (user_id, tokens, updated_at)
            VALUES (%(user)s, %(burst)s - 1, clock_timestamp())
            ON CONFLICT (user_id) DO UPDATE
               SET tokens = LEAST(%(burst)s, b.tokens + %(rate)s
                                  * EXTRACT(EPOCH FROM clock_timestamp() - b.updated_at)) - 1,
                   updated_at = clock_timestamp()
             WHERE LEAST(%(burst)s, b.tokens + %(rate)s
                         * EXTRACT(EPOCH FROM clock_timestamp() - b.updated_at)) >= 1
            RETURNING tokens
            """, **params))
        if cr.fetchone():
            return
        cr.execute(SQL(
            """
            SELECT CEIL((1 - LEAST(%(burst)s, tokens + %(rate)s
                         * EXTRACT(EPOCH FROM clock_timestamp() - updated_at))) / %(rate)s)
              FROM omni_api_rate_bucket WHERE user_id = %(user)s
            """, **params))
        retry_after = max(1, int(cr.fetchone()[0] or 1))
        raise OmniError("rate_limited", self.env._(
            "Too many requests: at most %(rate)s a minute (bursts of %(burst)s).",
            rate=self.omni_rate_per_minute, burst=self.omni_rate_burst),
            retry_after=retry_after)


class ResUsersApikeys(models.Model):
    _inherit = "res.users.apikeys"

    def init(self):
        self.env.cr.execute("""
            CREATE TABLE IF NOT EXISTS omni_api_rate_bucket (
                user_id integer PRIMARY KEY REFERENCES res_users(id) ON DELETE CASCADE,
                tokens float8 NOT NULL,
                updated_at timestamp NOT NULL
            )
        """)

    @api.model
    def _omni_check_key(self, key):
        """The uid of the integration API key ``key``, or None; cached per worker."""
        if not key:
            return None
        # one worker may serve several databases: ids are only meaningful in their own
        digest = (self.env.cr.dbname, hashlib.sha256(key.encode()).digest())
        cached = _KEY_CACHE.get(digest)
        if cached and cached[2] > time.monotonic():
            uid, key_id, _valid_until = cached
            self.env.cr.execute(SQL(
                """
                SELECT 1 FROM res_users_apikeys k JOIN res_users u ON u.id = k.user_id
                 WHERE k.id = %(key)s AND k.user_id = %(user)s AND u.active
                   AND k.scope = %(scope)s
                   AND (k.expiration_date IS NULL
                        OR k.expiration_date >= now() AT TIME ZONE 'utc')
                """, key=key_id, user=uid, scope=API_SCOPE))
            if self.env.cr.fetchone():
                return uid
            _KEY_CACHE.pop(digest, None)
            return None
        _KEY_CACHE.pop(digest, None)
        uid = self._check_credentials(scope=API_SCOPE, key=key)
        if not uid:
            return None
        self.env.cr.execute(SQL(
            "SELECT id, expiration_date FROM res_users_apikeys"
            " WHERE index = %(index)s AND user_id = %(user)s AND scope = %(scope)s",
            index=key[:INDEX_SIZE], user=uid, scope=API_SCOPE))
        rows = self.env.cr.fetchall()
        if not rows:
            return None  # a key of another scope (e.g. a global RPC key): not for this API
        if len(rows) == 1:  # else several keys share the index: do not cache
            key_id, expiration = rows[0]
            ttl = KEY_CACHE_SECONDS
            if expiration:
                ttl = min(ttl, (expiration - fields.Datetime.now()).total_seconds())
            if ttl > 0:
                if len(_KEY_CACHE) >= KEY_CACHE_SIZE:
                    _KEY_CACHE.clear()
                _KEY_CACHE[digest] = (uid, key_id, time.monotonic() + ttl)
        return uid

    def unlink(self):
        _KEY_CACHE.clear()
        return super().unlink()
