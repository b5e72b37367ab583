import logging

from odoo import models
from odoo.http import request

from ..controllers.api import PREFIX, error_response
from ..tools.db import is_retryable

_logger = logging.getLogger(__name__)


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _handle_error(cls, exception):
        """Errors escaping the API's own handling (a failed commit, a worker timeout
        inside Odoo's dispatch) still answer the JSON contract."""
        if request and request.httprequest.path.startswith(PREFIX + "/"):
            if is_retryable(exception):
                _logger.info("omni_stock API busy: %s", exception)
                return error_response("busy", "The database is busy, please retry.")
            _logger.error("omni_stock API failed", exc_info=exception)
            return error_response("internal_error", "Internal error; it has been logged.")
        return super()._handle_error(exception)
