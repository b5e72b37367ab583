# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Server-side marker: this lock date move comes from a period close whose
checklist is clear (or was overridden with a logged note).

Carried by a :mod:`contextvars` variable, never by the Odoo context, which any
RPC client can send (same pattern as omni_stock_adjustment/tools/trust.py).
"""

import contextlib
import contextvars

_CLEARED = contextvars.ContextVar("omni_stock_close_cleared", default=frozenset())


@contextlib.contextmanager
def close_cleared(company_id, date):
    token = _CLEARED.set(_CLEARED.get() | {(company_id, date)})
    try:
        yield
    finally:
        _CLEARED.reset(token)


def is_close_cleared(company_id, date):
    return (company_id, date) in _CLEARED.get()
