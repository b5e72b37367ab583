"""The one error of the suite's integration rules."""

from odoo.exceptions import UserError


class OmniError(UserError):
    """A refused request with a stable ``code`` for integrations.

    Raised by the models (holds, the change feed, integration users); the HTTP
    API maps the code to a status and answers ``{"error": {"code", "message",
    **extra}}``. ``extra`` carries machine-readable details (``available`` of
    ``insufficient_stock``, ``retry_after`` of ``rate_limited``...).
    """

    def __init__(self, code, message, **extra):
        super().__init__(message)
        self.code = code
        self.extra = extra
