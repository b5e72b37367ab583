# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Server-side trust marker for stock adjustments.

The adjustment engine itself (after it has checked reason, thresholds, approval
and lock date) must be able to create and validate inventory moves, which the
module otherwise refuses. That permission is carried by a :mod:`contextvars`
variable, never by the Odoo context: a context key can be sent by any RPC
client, a context variable can only be set by server code.
"""

import contextlib
import contextvars

from odoo import SUPERUSER_ID

_TRUSTED = contextvars.ContextVar("omni_stock_adjustment_trusted", default=False)


@contextlib.contextmanager
def trusted_adjustment():
    token = _TRUSTED.set(True)
    try:
        yield
    finally:
        _TRUSTED.reset(token)


def is_system(env):
    """The technical superuser (crons, module data), not a person using sudo()."""
    return env.uid == SUPERUSER_ID


def is_trusted(env):
    return _TRUSTED.get() or is_system(env)
