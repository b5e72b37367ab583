"""Availability and hold API for marketplaces and other external channels.

Authentication: ``Authorization: Bearer <API key>`` of an integration user
(``res.users.omni_channel_id``).  Every response is JSON; an error is
``{"error": {"code": ..., "message": ...}}`` and writes nothing.  Business
rules live in ``omni.stock.hold`` and ``omni.stock.change``: this controller
only parses, authenticates and maps error codes to HTTP statuses.
"""

import json
import logging
import math
import re

from odoo import fields, http
from odoo.http import request

from ..models.omni_stock_hold import HoldError

_logger = logging.getLogger(__name__)

PREFIX = "/omni_stock/v1"
MAX_SKUS = 500
MAX_BODY = 64 * 1024

STATUS = {
    "unauthorized": 401,
    "forbidden_channel": 403,
    "unknown_sku": 404,
    "hold_not_found": 404,
    "invalid_quantity": 400,
    "invalid_payload": 400,
    "invalid_cursor": 400,
    "too_many_skus": 400,
    "insufficient_stock": 409,
    "reference_conflict": 409,
    "hold_expired": 409,
    "hold_not_active": 409,
    "busy": 503,
}
BEARER_RE = re.compile(r"^bearer\s+(\S+)\s*$", re.IGNORECASE)


class ApiError(Exception):
    def __init__(self, code, message, **extra):
        super().__init__(message)
        self.code = code
        self.message = message
        self.extra = extra


def _error_response(code, message, **extra):
    return request.make_json_response(
        {"error": {"code": code, "message": message, **extra}},
        status=STATUS.get(code, 400),
        headers=[("WWW-Authenticate", "Bearer")] if code == "unauthorized" else None,
    )


def _now_iso():
    return fields.Datetime.now().isoformat() + "Z"


class OmniStockApi(http.Controller):
    # ------------------------------------------------------------ plumbing

    def _channel(self):
        """Authenticate the bearer key; return its user's channel (sudo)."""
        header = request.httprequest.headers.get("Authorization", "")
        match = BEARER_RE.match(header)
        if not match:
            raise ApiError("unauthorized", "Send an API key: 'Authorization: Bearer <key>'.")
        uid = request.env["res.users.apikeys"]._omni_check_key(match.group(1))
        if not uid:
            raise ApiError("unauthorized", "Invalid or expired API key.")
        request.update_env(user=uid)
        user = request.env.user.sudo()
        channel = user.omni_channel_id
        if not channel or not channel.active:
            raise ApiError("forbidden_channel",
                           "This API key does not belong to an integration user of a channel.")
        return channel.with_company(channel.company_id)

    def _serve(self, handler, *args):
        """Run ``handler``; map refusals to JSON errors, never a 500 with a body of HTML."""
        try:
            return handler(*args)
        except ApiError as exc:
            request.env.cr.rollback()
            return _error_response(exc.code, exc.message, **exc.extra)
        except HoldError as exc:
            request.env.cr.rollback()
            return _error_response(exc.code, str(exc.args[0]), **exc.extra)

    def _json_body(self):
        httprequest = request.httprequest
        if httprequest.content_length and httprequest.mimetype != "application/json":
            # a form-encoded body is parsed (and consumed) as form data by the framework
            raise ApiError(
                "invalid_payload", "Send the body as JSON with 'Content-Type: application/json'.")
        raw = httprequest.get_data(cache=True)
        if len(raw) > MAX_BODY:
            raise ApiError("invalid_payload", "The request body is too large.")
        try:
            body = json.loads(raw or b"{}")
        except (ValueError, UnicodeDecodeError) as exc:
            raise ApiError("invalid_payload", "The request body is not valid JSON.") from exc
        if not isinstance(body, dict):
            raise ApiError("invalid_payload", "The request body must be a JSON object.")
        if "channel" in body and body["channel"] != request.env.user.sudo().omni_channel_id.code:
            raise ApiError("forbidden_channel", "This API key cannot act for that channel.")
        return body

    def _products_by_sku(self, channel, skus):
        products = request.env["product.product"].sudo().with_company(channel.company_id).search([
            ("default_code", "in", skus), ("is_storable", "=", True),
            ("company_id", "in", [False, channel.company_id.id]),
        ])
        return {product.default_code: product for product in products}

    def _items(self, channel, products):
        figures = request.env["omni.ats"].sudo().with_company(channel.company_id).compute(
            products, channel=channel, detail=False)
        items = []
        for product in products:
            values = figures.get(product.id, {})
            ats = values.get("ats", 0.0)
            items.append({
                "sku": product.default_code,
                "ats": ats,
                "incoming": values.get("incoming", 0.0),
                "status": channel._api_status(ats),
            })
        return items

    def _hold(self, channel, reference):
        hold = request.env["omni.stock.hold"].sudo().search(
            [("channel_id", "=", channel.id), ("reference", "=", reference)])
        if not hold:
            raise ApiError("hold_not_found", f"No hold {reference} in channel {channel.code}.")
        return hold

    # ------------------------------------------------------------ availability

    @http.route(f"{PREFIX}/availability", type="http", auth="none", methods=["GET"],
                csrf=False, save_session=False)
    def availability(self, skus="", **kwargs):
        return self._serve(self._availability, skus)

    def _availability(self, skus):
        channel = self._channel()
        wanted = list(dict.fromkeys(sku.strip() for sku in skus.split(",") if sku.strip()))
        if not wanted:
            raise ApiError("invalid_payload", "Give the SKUs: ?skus=A,B,C")
        if len(wanted) > MAX_SKUS:
            raise ApiError("invalid_payload", f"At most {MAX_SKUS} SKUs per call.")
        by_sku = self._products_by_sku(channel, wanted)
        products = request.env["product.product"].sudo().browse(
            [by_sku[sku].id for sku in wanted if sku in by_sku])
        return request.make_json_response({
            "channel": channel.code,
            "as_of": _now_iso(),
            "items": self._items(channel, products),
            "unknown": [sku for sku in wanted if sku not in by_sku],
        })

    @http.route(f"{PREFIX}/availability/changes", type="http", auth="none", methods=["GET"],
                csrf=False, save_session=False)
    def availability_changes(self, cursor=None, limit=None, **kwargs):
        return self._serve(self._availability_changes, cursor, limit)

    def _availability_changes(self, cursor, limit):
        channel = self._channel()
        try:
            limit = int(limit) if limit else 500
        except ValueError as exc:
            raise ApiError("invalid_payload", "limit must be an integer.") from exc
        if not 1 <= limit <= 1000:
            raise ApiError("invalid_payload", "limit must be between 1 and 1000.")
        try:
            page = request.env["omni.stock.change"].sudo().with_company(
                channel.company_id).read_feed(channel, cursor or None, limit)
        except ValueError as exc:
            raise ApiError("invalid_cursor", "This cursor is not valid.") from exc
        return request.make_json_response({
            "channel": channel.code,
            "as_of": _now_iso(),
            "full": page["full"],
            "items": self._items(channel, page["products"]),
            "next_cursor": page["next_cursor"],
            "has_more": page["has_more"],
        })

    # ------------------------------------------------------------ holds

    @http.route(f"{PREFIX}/holds", type="http", auth="none", methods=["POST"], csrf=False,
                save_session=False)
    def hold_create(self, **kwargs):
        return self._serve(self._hold_create)

    def _hold_create(self):
        channel = self._channel()
        body = self._json_body()
        missing = [key for key in ("sku", "qty", "reference") if key not in body]
        if missing:
            raise ApiError("invalid_payload", f"Missing fields: {', '.join(missing)}.")
        sku, qty, reference = body["sku"], body["qty"], body["reference"]
        if not isinstance(sku, str) or not sku:
            raise ApiError("invalid_payload", "sku must be a non-empty string.")
        if isinstance(qty, bool) or not isinstance(qty, (int, float)) or (
                isinstance(qty, float) and not math.isfinite(qty)):
            raise ApiError("invalid_quantity", "qty must be a number above 0.")
        product = self._products_by_sku(channel, [sku]).get(sku)
        if not product:
            raise ApiError("unknown_sku", f"Unknown SKU {sku}.")
        warehouse = None
        if body.get("warehouse") is not None:
            warehouse = request.env["stock.warehouse"].sudo().search([
                ("code", "=", str(body["warehouse"])),
                ("company_id", "=", channel.company_id.id)], limit=1)
            if not warehouse or warehouse not in channel.warehouse_ids:
                raise ApiError("invalid_payload",
                               f"Warehouse {body['warehouse']} is not a source of the channel.")
        Hold = request.env["omni.stock.hold"].sudo().with_company(channel.company_id)
        values, created = Hold.reserve_isolated(
            channel, product, qty, reference, body.get("ttl_seconds"), warehouse=warehouse)
        return request.make_json_response({"hold": values}, status=201 if created else 200)

    @http.route(f"{PREFIX}/holds/<string:reference>", type="http", auth="none",
                methods=["GET"], csrf=False, save_session=False)
    def hold_read(self, reference, **kwargs):
        return self._serve(
            lambda: request.make_json_response(
                {"hold": self._hold(self._channel(), reference)._api_values()}))

    @http.route(f"{PREFIX}/holds/<string:reference>/release", type="http", auth="none",
                methods=["POST"], csrf=False, save_session=False)
    def hold_release(self, reference, **kwargs):
        return self._serve(self._hold_release, reference)

    def _hold_release(self, reference):
        hold = self._hold(self._channel(), reference)
        hold.action_release()
        return request.make_json_response({"hold": hold._api_values()})

    @http.route(f"{PREFIX}/holds/<string:reference>/confirm", type="http", auth="none",
                methods=["POST"], csrf=False, save_session=False)
    def hold_confirm(self, reference, **kwargs):
        return self._serve(self._hold_confirm, reference)

    def _hold_confirm(self, reference):
        channel = self._channel()
        body = self._json_body()
        hold = self._hold(channel, reference)
        result = hold._api_confirm(body)
        return request.make_json_response({"hold": hold._api_values(), **result})
