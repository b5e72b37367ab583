# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Server-side marker: this lock date move comes from a period close whose
checklist is clear (or was overridden with a logged note).

Carried by a :mod:`contextvars` variable, never by the Odoo context, which any
RPC client can send (same pattern as omni_stock_adjustment/tools/trust.py).
"""

import contextlib
import contextvars

from odoo.addons.omni_stock.tools.guard import ServerFlag

# a period close's state and what its actions record change only through them
close_workflow = ServerFlag("omni_stock_period_close_workflow")

_CLEARED = contextvars.ContextVar("omni_stock_close_cleared", default=frozenset())


@contextlib.contextmanager
def close_cleared(company_id, date, name=""):
    token = _CLEARED.set(_CLEARED.get() | {(company_id, date, name)})
    try:
        yield
    finally:
        _CLEARED.reset(token)


def is_close_cleared(company_id, date):
    return any((company, when) == (company_id, date) for company, when, _name in _CLEARED.get())


def closing(company_id):
    """The name of the period close moving ``company_id``'s lock date, or None."""
    return next((name for company, _when, name in _CLEARED.get() if company == company_id), None)
