from odoo import models
from odoo.http import request


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _post_dispatch(cls, response):
        """A request that changed stock wakes the live-stock job after its commit.

        Routes without a user (XML-RPC runs on cursors of its own and has closed the
        request's by now) are left to the job's next minute; a read-only request changed
        nothing (and may not write the wake-up)."""
        result = super()._post_dispatch(response)
        env = getattr(request, "env", None) if request and request.db else None
        if env is not None and env.uid and not env.cr.closed and not env.cr.readonly:
            env["omni.pos.stock.notify"]._wake_if_changed()
        return result
