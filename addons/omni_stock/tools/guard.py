"""Server-side marker for writes only the suite's own code may make.

A hold's state, expiry and quantity change only through its actions
(release, confirm, resize, extend). Those actions set this marker around
their own write; any other write of those fields is refused. It is a
:mod:`contextvars` variable, never an Odoo context key: a context key can be
sent by any RPC client, a context variable only by server code.
"""

import contextlib
import contextvars

_INTERNAL = contextvars.ContextVar("omni_stock_internal_write", default=False)


@contextlib.contextmanager
def internal_write():
    token = _INTERNAL.set(True)
    try:
        yield
    finally:
        _INTERNAL.reset(token)


def is_internal_write():
    return _INTERNAL.get()
