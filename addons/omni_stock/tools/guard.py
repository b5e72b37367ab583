"""Server-side markers for writes only the suite's own code may make.

A hold's state, expiry and quantity change only through its actions (release,
confirm, resize, extend); the adjustment engine alone validates inventory
moves. Those pieces of code set a marker around their own writes; any other
write is refused. A marker is a :mod:`contextvars` variable, never an Odoo
context key: a context key can be sent by any RPC client, a context variable
only by server code.
"""

import contextlib
import contextvars


class ServerFlag:
    """A named marker: ``with flag(): ...`` sets it for that block, ``flag.is_set()``."""

    def __init__(self, name):
        self._var = contextvars.ContextVar(name, default=False)

    @contextlib.contextmanager
    def __call__(self):
        token = self._var.set(True)
        try:
            yield
        finally:
            self._var.reset(token)

    def is_set(self):
        return self._var.get()


class ServerValue:
    """A named server-side value: ``with marker(value): ...`` sets it for that block,
    ``marker.get()`` reads it (``None`` outside). For what only server code may say
    (e.g. "this computation is the till of that store"), where a context key would
    let any RPC client say it too."""

    def __init__(self, name):
        self._var = contextvars.ContextVar(name, default=None)

    @contextlib.contextmanager
    def __call__(self, value):
        token = self._var.set(value)
        try:
            yield
        finally:
            self._var.reset(token)

    def get(self):
        return self._var.get()


def without_defaults(records):
    """``records`` in an environment whose context has no ``default_*`` key (see
    :func:`server_context`)."""
    return records.with_env(records.env(context=server_context(records.env)))


def server_context(env):
    """``env``'s context without the ``default_*`` keys a client may send: records the
    server creates for itself (audit entries, requests, holds) take their defaults
    from their fields, never from the caller's context."""
    return {key: value for key, value in env.context.items()
            if not key.startswith("default_")}


internal_write = ServerFlag("omni_stock_internal_write")


def is_internal_write():
    return internal_write.is_set()


class StatusDoors:
    """The status doors a server flow opens around its own moves.

    ``with status_doors.open("disposition"): picking._action_done()``: the moves
    done inside the block may cross the cells of the status transition matrix
    whose door is ``disposition`` (see ``omni.stock.status.transition``). Only
    server code can open a door: it is a context variable, never a context key.
    """

    def __init__(self, name):
        self._var = contextvars.ContextVar(name, default=frozenset())

    @contextlib.contextmanager
    def open(self, *doors):
        token = self._var.set(self._var.get() | frozenset(doors))
        try:
            yield
        finally:
            self._var.reset(token)

    def opened(self):
        """The doors open here (a frozenset of door names)."""
        return self._var.get()


status_doors = StatusDoors("omni_stock_status_doors")
