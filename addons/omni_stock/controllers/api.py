"""Availability and hold API for marketplaces and other external channels.

Authentication: ``Authorization: Bearer <API key>`` of an integration user
(``res.users.omni_channel_id``, key scope ``omni_stock_api``). Every response
is JSON; an error is ``{"error": {"code": ..., "message": ...}}`` and writes
nothing. This controller parses requests, authenticates, throttles, logs and
maps error codes to HTTP statuses; every business rule lives in the models
(``omni.channel``, ``omni.stock.hold``, ``omni.stock.change``).

One database connection per request: the key check, the rate-limit bucket,
the work and the request log all use the request's own cursor, in short
READ COMMITTED transactions (:func:`..tools.db.begin_read_committed`), so a
burst of holds on one product queues on its lock row instead of failing.
Read-only routes (Odoo's default for ``auth="none"``; writing routes say
``readonly=False``) may run on a PostgreSQL replica (``db_replica_host``);
their rate-limit and log rows then go to the primary through one extra,
bounded cursor.
"""

import json
import logging
import re
import threading
import time
from contextlib import contextmanager

import psycopg2
from psycopg2.pool import PoolError

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from ..exceptions import OmniError
from ..tools.db import begin_read_committed, is_retryable

_logger = logging.getLogger(__name__)

PREFIX = "/omni_stock/v1"
MAX_BODY = 64 * 1024
RETRY_AFTER_SECONDS = 1
# requests of one process that may hold a second (primary) connection at once,
# and how long one waits for its turn before answering "busy"
PRIMARY_SLOTS = threading.BoundedSemaphore(8)
PRIMARY_WAIT_SECONDS = 5

STATUS = {
    "unauthorized": 401,
    "forbidden_channel": 403,
    "not_found": 404,
    "unknown_sku": 404,
    "unknown_order": 404,
    "hold_not_found": 404,
    "method_not_allowed": 405,
    "cursor_expired": 410,
    "invalid_quantity": 400,
    "invalid_payload": 400,
    "invalid_cursor": 400,
    "insufficient_stock": 409,
    "reference_conflict": 409,
    "hold_expired": 409,
    "hold_not_active": 409,
    "rate_limited": 429,
    "internal_error": 500,
    "busy": 503,
    "unavailable": 503,
}
BEARER_RE = re.compile(r"^bearer\s+(\S+)\s*$", re.IGNORECASE)


def error_response(code, message, **extra):
    """The JSON error contract; retryable errors say when to retry."""
    headers = [("Content-Type", "application/json; charset=utf-8"),
               ("Cache-Control", "no-store")]
    if code == "unauthorized":
        headers.append(("WWW-Authenticate", "Bearer"))
    status = STATUS.get(code, 400)
    if status in (429, 503):
        extra.setdefault("retry_after", RETRY_AFTER_SECONDS)
        headers.append(("Retry-After", str(int(extra["retry_after"]))))
    body = json.dumps({"error": {"code": code, "message": message, **extra}})
    return request.make_response(body, headers=headers, status=status)


def json_response(payload, status=200):
    return request.make_json_response(payload, status=status,
                                      headers=[("Cache-Control", "no-store")])


class OmniStockApi(http.Controller):
    # ------------------------------------------------------------ plumbing

    def _authenticate(self):
        """The integration user and its channel (as superuser, in the channel's company)."""
        header = request.httprequest.headers.get("Authorization", "")
        match = BEARER_RE.match(header)
        if not match:
            raise OmniError("unauthorized", "Send an API key: 'Authorization: Bearer <key>'.")
        uid = request.env["res.users.apikeys"]._omni_check_key(match.group(1))
        if not uid:
            raise OmniError("unauthorized", "Invalid or expired API key.")
        # earned: a valid key of an integration user (_omni_check_key); every answer below is
        # scoped to that user's one channel (the channel's _api_* methods)
        request.update_env(user=uid, su=True)
        user = request.env.user
        channel = user.omni_channel_id
        if not channel or not channel.active:
            raise OmniError("forbidden_channel",
                            "This API key does not belong to an integration user of a channel.")
        request.update_env(context=dict(request.env.context,
                                        allowed_company_ids=channel.company_id.ids))
        return request.env.user, request.env["omni.channel"].browse(channel.id)

    @contextmanager
    def _primary_cursor(self):
        """A cursor on the primary for the rate-limit bucket and the log: the request's
        own, or (when the request reads a replica) one more, bounded per process."""
        cr = request.env.cr
        if not cr.readonly:
            yield cr
            return
        if not PRIMARY_SLOTS.acquire(timeout=PRIMARY_WAIT_SECONDS):
            raise OmniError("busy", "Too many concurrent requests, please retry.")
        try:
            with request.env.registry.cursor() as primary:
                yield primary
        finally:
            PRIMARY_SLOTS.release()

    def _throttle(self, user):
        with self._primary_cursor() as cr:
            begin_read_committed(cr)
            try:
                user.with_env(user.env(cr=cr))._omni_throttle()
            finally:
                # the bucket is shared by every request of the integration: never hold
                # its row lock longer than this statement
                cr.commit()  # pylint: disable=invalid-commit

    def _log(self, user, channel, endpoint, status, code, sku_count, started):
        duration = (time.perf_counter() - started) * 1000
        try:
            with self._primary_cursor() as cr:
                request.env["omni.api.request.log"].with_env(request.env(cr=cr))._record(
                    user, channel, endpoint, request.httprequest.method, status, code,
                    sku_count, round(duration, 2))
        except Exception:  # noqa: BLE001 (the answer matters more than its log line)
            _logger.warning("omni_stock API: request log failed", exc_info=True)

    def _serve(self, endpoint, handler, **params):
        """Authenticate, throttle and run ``handler(channel, **params)``, which returns
        ``(payload, status, sku_count)``; every outcome is JSON and logged."""
        started = time.perf_counter()
        if not request.db:
            return error_response("unavailable", "The database is not reachable, retry later.")
        if "omni.channel" not in request.env.registry:
            return error_response("not_found", "This database has no availability API.")
        cr = request.env.cr
        user = channel = None
        status, code, sku_count = 500, None, 0
        try:
            user, channel = self._authenticate()
            self._throttle(user)
            begin_read_committed(cr)
            payload, status, sku_count = handler(channel, **params)
            response = json_response(payload, status)
        except OmniError as exc:
            cr.rollback()
            code, message = exc.code, str(exc.args[0])
            response = error_response(code, message, **exc.extra)
        except (UserError, ValidationError) as exc:
            # a model's own rule refused the input (a constraint, a business rule the
            # route does not map yet): the client's request, not a bug
            cr.rollback()
            _logger.info("omni_stock API %s refused: %s", endpoint, exc)
            code = "invalid_payload"
            response = error_response(code, str(exc.args[0]))
        except psycopg2.errors.ReadOnlySqlTransaction:
            raise  # a write on a replica cursor: Odoo retries on the primary
        except (psycopg2.Error, PoolError) as exc:
            cr.rollback()
            if not is_retryable(exc) and not isinstance(exc, PoolError):
                _logger.exception("omni_stock API %s failed", endpoint)
                code = "internal_error"
                response = error_response(code, "Internal error; it has been logged.")
            else:
                _logger.info("omni_stock API %s busy: %s", endpoint, exc)
                code = "busy"
                response = error_response(code, "The database is busy, please retry.")
        except Exception:  # noqa: BLE001 (a bug must still answer the JSON contract)
            cr.rollback()
            _logger.exception("omni_stock API %s failed", endpoint)
            code = "internal_error"
            response = error_response(code, "Internal error; it has been logged.")
        if user and channel:
            self._log(user, channel, endpoint, response.status_code, code, sku_count, started)
        # which database answered: a replica's figures are as old as its replay (as_of)
        response.headers["X-Omni-Source"] = "replica" if cr.readonly else "primary"
        return response

    def _json_body(self, channel):
        httprequest = request.httprequest
        if httprequest.content_length and httprequest.mimetype != "application/json":
            # a form-encoded body is parsed (and consumed) as form data by the framework
            raise OmniError(
                "invalid_payload", "Send the body as JSON with 'Content-Type: application/json'.")
        raw = httprequest.get_data(cache=True)
        if len(raw) > MAX_BODY:
            raise OmniError("invalid_payload", "The request body is too large.")
        try:
            body = json.loads(raw or b"{}")
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            raise OmniError("invalid_payload", "The request body is not valid JSON.") from exc
        if not isinstance(body, dict):
            raise OmniError("invalid_payload", "The request body must be a JSON object.")
        if "channel" in body and body["channel"] != channel.code:
            raise OmniError("forbidden_channel", "This API key cannot act for that channel.")
        return body

    # ------------------------------------------------------------ availability

    @http.route(f"{PREFIX}/availability", type="http", auth="none", methods=["GET"],
                csrf=False, save_session=False, readonly=True)
    def availability(self, skus="", **kwargs):
        return self._serve("availability", self._availability, skus=skus)

    def _availability(self, channel, skus):
        payload = channel._api_availability(skus)
        return payload, 200, len(payload["items"]) + len(payload["unknown"])

    @http.route(f"{PREFIX}/availability/changes", type="http", auth="none", methods=["GET"],
                csrf=False, save_session=False, readonly=True)
    def availability_changes(self, cursor=None, limit=None, **kwargs):
        return self._serve("changes", self._availability_changes, cursor=cursor, limit=limit)

    def _availability_changes(self, channel, cursor, limit):
        payload = channel._api_changes(cursor, limit)
        return payload, 200, len(payload["items"])

    # ------------------------------------------------------------ holds

    @http.route(f"{PREFIX}/holds", type="http", auth="none", methods=["POST"], csrf=False,
                save_session=False, readonly=False)
    def hold_create(self, **kwargs):
        return self._serve("hold_create", self._hold_create)

    def _hold_create(self, channel):
        body = self._json_body(channel)
        missing = [key for key in ("sku", "qty", "reference") if key not in body]
        if missing:
            raise OmniError("invalid_payload", f"Missing fields: {', '.join(missing)}.")
        hold, created = request.env["omni.stock.hold"].reserve(
            channel, channel._api_product(body["sku"]), body["qty"], body["reference"],
            body.get("ttl_seconds"), warehouse=channel._api_warehouse(body.get("warehouse")),
            origin="api")
        return {"hold": hold._api_values()}, 201 if created else 200, 1

    @http.route(f"{PREFIX}/holds/<string:reference>", type="http", auth="none",
                methods=["GET"], csrf=False, save_session=False, readonly=True)
    def hold_read(self, reference, **kwargs):
        return self._serve("hold_read", lambda channel: (
            {"hold": channel._api_hold(reference)._api_values()}, 200, 1))

    @http.route(f"{PREFIX}/holds/<string:reference>/release", type="http", auth="none",
                methods=["POST"], csrf=False, save_session=False, readonly=False)
    def hold_release(self, reference, **kwargs):
        return self._serve("hold_release", self._hold_release, reference=reference)

    def _hold_release(self, channel, reference):
        hold = channel._api_hold(reference)
        hold.action_release()
        return {"hold": hold._api_values()}, 200, 1

    @http.route(f"{PREFIX}/holds/<string:reference>/confirm", type="http", auth="none",
                methods=["POST"], csrf=False, save_session=False, readonly=False)
    def hold_confirm(self, reference, **kwargs):
        return self._serve("hold_confirm", self._hold_confirm, reference=reference)

    def _hold_confirm(self, channel, reference):
        body = self._json_body(channel)
        hold = channel._api_hold(reference)
        result = hold._api_confirm(body)
        return {"hold": hold._api_values(), **result}, 200, 1

    # ------------------------------------------------------------ anything else

    @http.route([PREFIX, f"{PREFIX}/<path:rest>"], type="http", auth="none", csrf=False,
                save_session=False)
    def not_found(self, rest=None, **kwargs):
        """Unknown paths and methods under the prefix answer the JSON contract too."""
        if not request.db:
            return error_response("unavailable", "The database is not reachable, retry later.")
        path = request.httprequest.path
        for rule in request.env["ir.http"].routing_map().iter_rules():
            if rule.rule != f"{PREFIX}/<path:rest>" and rule.rule.startswith(PREFIX) \
                    and re.fullmatch(re.sub(r"<[^>]+>", r"[^/]+", rule.rule), path):
                return error_response("method_not_allowed",
                                      f"{request.httprequest.method} is not allowed here.")
        return error_response("not_found", f"No API endpoint {path}.")
