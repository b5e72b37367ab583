# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Server-side trust markers for stock integrity.

Two markers, both :mod:`contextvars` variables, never Odoo context keys: a
context key can be sent by any RPC client, a context variable can only be set
by server code.

- :func:`trusted_adjustment`: the adjustment engine itself, after it has
  checked reason, thresholds, approval and lock date, creates and validates
  moves from and to adjustment locations, which are otherwise refused.
- :func:`internal_stock_operation`: set around Odoo's own server methods that
  legitimately write what users may not (quant quantity, identity and
  reservation in ``_update_available_quantity``; a move turning done in
  ``_action_done``). It grants nothing about adjustment locations or the lock
  date, which are checked on every validation.
"""

import contextlib
import contextvars

from odoo import SUPERUSER_ID

_TRUSTED = contextvars.ContextVar("omni_stock_adjustment_trusted", default=False)
_INTERNAL = contextvars.ContextVar("omni_stock_adjustment_internal", default=False)


@contextlib.contextmanager
def _marked(variable):
    token = variable.set(True)
    try:
        yield
    finally:
        variable.reset(token)


def trusted_adjustment():
    return _marked(_TRUSTED)


def internal_stock_operation():
    return _marked(_INTERNAL)


def is_system(env):
    """The technical superuser (crons, module data), not a person using sudo()."""
    return env.uid == SUPERUSER_ID


def is_trusted(env):
    return _TRUSTED.get() or is_system(env)


def is_internal(env):
    """Odoo's own stock code, the adjustment engine or the system is writing."""
    return _INTERNAL.get() or is_trusted(env)
