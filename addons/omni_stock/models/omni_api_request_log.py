"""One row per API request of an integration: the trail managers read."""

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.params import positive_int_param

DEFAULT_RETENTION_DAYS = 30


class OmniApiRequestLog(models.Model):
    _name = "omni.api.request.log"
    _description = "Omnichannel API Request"
    _order = "id desc"
    _log_access = False

    create_date = fields.Datetime("Time", readonly=True, index=True)
    user_id = fields.Many2one("res.users", "Integration User", readonly=True, index=True,
                              ondelete="cascade")
    channel_id = fields.Many2one("omni.channel", readonly=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="channel_id.company_id", store=True, readonly=True)
    endpoint = fields.Char(readonly=True)
    method = fields.Char(readonly=True)
    status = fields.Integer("HTTP Status", readonly=True, aggregator=None)
    error_code = fields.Char(readonly=True)
    sku_count = fields.Integer("SKUs", readonly=True)
    duration_ms = fields.Float("Duration (ms)", readonly=True, aggregator="avg")

    @api.model
    def _record(self, user, channel, endpoint, method, status, error_code, sku_count,
                duration_ms):
        """Append one request (plain SQL: it runs on every API call)."""
        self.env.cr.execute(SQL(
            """
            INSERT INTO omni_api_request_log (create_date, user_id, channel_id, company_id,
                   endpoint, method, status, error_code, sku_count, duration_ms)
            VALUES (now() AT TIME ZONE 'UTC', %s, %s, %s, %s, %s, %s, %s, %s, %s)
            """,
            user.id, channel.id, channel.company_id.id, endpoint, method, status,
            error_code, sku_count, duration_ms,
        ))

    @api.model
    def _retention_days(self):
        return positive_int_param(
            self.env, "omni_stock.api_log_retention_days", DEFAULT_RETENTION_DAYS)

    @api.autovacuum
    def _gc_request_log(self):
        self.env.cr.execute(SQL(
            "DELETE FROM omni_api_request_log"
            " WHERE create_date < now() AT TIME ZONE 'UTC' - make_interval(days => %s)",
            self._retention_days()))
