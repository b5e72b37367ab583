from odoo import models
from odoo.addons.omni_stock.models.omni_stock_hold import HoldError


class OmniStockHold(models.Model):
    _inherit = "omni.stock.hold"

    def _api_confirm(self, payload):
        """With ``"routing": true``, the answer also says which nodes ship the order and
        when it is promised."""
        routing = payload.get("routing", False)
        if not isinstance(routing, bool):
            raise HoldError("invalid_payload", self.env._("routing must be true or false."))
        result = super()._api_confirm(payload)
        if routing and self.sale_order_id:
            result["routing"] = self.sale_order_id._omni_routing_api()
        return result
