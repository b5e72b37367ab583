"""Returns API: marketplace returns reported by a channel's integration (the
error contract, authentication and logging of ``omni_stock``'s API)."""

from odoo import http
from odoo.addons.omni_stock.controllers.api import PREFIX, STATUS, OmniStockApi
from odoo.http import request

# this addon's error codes, added to the core mapping (its own codes are untouched)
RETURN_STATUS = {"excess_return": 409, "return_not_found": 404}
for _code, _status in RETURN_STATUS.items():
    STATUS.setdefault(_code, _status)


class OmniStockReturnApi(OmniStockApi):
    @http.route(f"{PREFIX}/returns", type="http", auth="none", methods=["POST"], csrf=False,
                save_session=False, readonly=False)
    def return_create(self, **kwargs):
        return self._serve("return_create", self._return_create)

    def _return_create(self, channel):
        body = self._json_body(channel)
        rma, created = request.env["omni.stock.return"]._api_create(channel, body)
        return {"return": rma._api_values()}, 201 if created else 200, 1

    @http.route(f"{PREFIX}/returns/<string:reference>", type="http", auth="none",
                methods=["GET"], csrf=False, save_session=False, readonly=True)
    def return_read(self, reference, **kwargs):
        return self._serve("return_read", lambda channel: (
            {"return": request.env["omni.stock.return"]._api_get(channel, reference)
             ._api_values()}, 200, 1))
