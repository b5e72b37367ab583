import hashlib
import time

from odoo import api, fields, models
from odoo.addons.base.models.res_users import INDEX_SIZE
from odoo.exceptions import ValidationError

# Per-worker cache of verified API keys:
# (database, sha256(key)) -> (uid, key id, valid until).
# Only a successful pbkdf2 verification fills it (never the key itself, never a refusal).
# A hit still re-reads the key row (one indexed query instead of ~4 ms of pbkdf2), so a
# deleted/revoked or expired key, or a deactivated user, is refused at once in every
# worker; the entry is re-verified with pbkdf2 at least every KEY_CACHE_SECONDS.
KEY_CACHE_SECONDS = 60
KEY_CACHE_SIZE = 1024
_KEY_CACHE = {}

KEY_STILL_VALID_QUERY = """
    SELECT 1
      FROM res_users_apikeys k
      JOIN res_users u ON u.id = k.user_id
     WHERE k.id = %s AND k.user_id = %s AND u.active
       AND (k.scope IS NULL OR k.scope = 'rpc')
       AND (k.expiration_date IS NULL OR k.expiration_date >= now() at time zone 'utc')
"""


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

    def _compute_active_hold_count(self):
        data = self.env["omni.stock.hold"]._read_group(
            [("channel_id", "in", self.ids), ("state", "=", "active"),
             ("expires_at", ">", fields.Datetime.now())],
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

    def _api_status(self, ats):
        """Availability status the API reports for ``ats``."""
        self.ensure_one()
        if ats <= 0:
            return "out"
        return "low" if ats <= self.low_stock_qty else "in_stock"


class ResUsers(models.Model):
    _inherit = "res.users"

    omni_channel_id = fields.Many2one(
        "omni.channel", string="Integration Channel", ondelete="restrict", index=True,
        help="Makes this user an integration user of exactly this channel: its API keys "
        "read the channel's availability and hold stock for it.",
    )

    @api.constrains("omni_channel_id", "company_ids")
    def _check_omni_channel_company(self):
        for user in self:
            channel = user.sudo().omni_channel_id
            if channel and channel.company_id not in user.company_ids:
                raise ValidationError(self.env._(
                    "Integration user %(user)s must belong to the company of channel "
                    "%(channel)s.", user=user.name, channel=channel.name))


class ResUsersApikeys(models.Model):
    _inherit = "res.users.apikeys"

    @api.model
    def _omni_check_key(self, key):
        """The uid of the API key ``key`` (scope ``rpc``), or None; cached per worker."""
        if not key:
            return None
        # one worker may serve several databases: ids are only meaningful in their own
        digest = (self.env.cr.dbname, hashlib.sha256(key.encode()).digest())
        cached = _KEY_CACHE.get(digest)
        if cached and cached[2] > time.monotonic():
            uid, key_id, _valid_until = cached
            self.env.cr.execute(KEY_STILL_VALID_QUERY, [key_id, uid])
            if self.env.cr.fetchone():
                return uid
            _KEY_CACHE.pop(digest, None)
            return None
        _KEY_CACHE.pop(digest, None)
        uid = self._check_credentials(scope="rpc", key=key)
        if not uid:
            return None
        self.env.cr.execute("""
            SELECT id, expiration_date FROM res_users_apikeys
             WHERE index = %s AND user_id = %s AND (scope IS NULL OR scope = 'rpc')
        """, [key[:INDEX_SIZE], uid])
        rows = self.env.cr.fetchall()
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
