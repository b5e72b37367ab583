from odoo import models
from odoo.http import request


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _post_dispatch(cls, response):
        """A request that changed stock wakes the live-stock job after its commit."""
        result = super()._post_dispatch(response)
        if request and request.db and getattr(request, "env", None) is not None:
            request.env["omni.pos.stock.notify"]._wake_if_changed()
        return result
