"""Parsing of what clients send: one place for every numeric or id parameter of the
suite's API routes and RPC methods (POS, scanner, returns, holds).

Each helper returns the clean value or raises :class:`..exceptions.OmniError` (a
``UserError``) with a stable code and a translatable message: the HTTP API maps the
code to its 400/404 answer, an RPC caller reads the message. Nothing is written
before the input is parsed, so a refusal changes nothing.

JSON lets a client send ``NaN``, ``Infinity``, ``1e400`` (read as infinity), integers
of any size, booleans (``True`` is an ``int`` in Python), strings, lists and objects
where a number or an id is expected: all of them are refused here.
"""

import math

from ..exceptions import OmniError


def number(env, value, what, minimum=None, maximum=None, strict_minimum=False,
           code="invalid_quantity", from_text=False):
    """``value`` as a finite float within the bounds.

    :param minimum: the smallest value allowed (excluded with ``strict_minimum``).
    :param maximum: the largest value allowed.
    :param from_text: also read a decimal number typed as text (a scanner's field).
    """
    if from_text and isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            raise OmniError(code, env._("%s must be a number.", what)) from None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise OmniError(code, env._("%s must be a number.", what))
    try:
        value = float(value)
    except OverflowError:
        value = math.inf
    too_small = minimum is not None and (
        value <= minimum if strict_minimum else value < minimum)
    if not math.isfinite(value) or too_small or (maximum is not None and value > maximum):
        if minimum is not None and maximum is not None:
            raise OmniError(code, env._(
                "%(what)s must be a number %(above)s %(minimum)s and at most %(maximum)s.",
                what=what, above=env._("above") if strict_minimum else env._("from"),
                minimum=minimum, maximum=maximum))
        raise OmniError(code, env._("%s must be a finite number in range.", what))
    return value


def quantity(env, value, what=None, maximum=1_000_000, allow_zero=False, from_text=False):
    """A quantity of goods: a finite number above 0 (or from 0), at most ``maximum``."""
    return number(env, value, what or env._("The quantity"), minimum=0.0, maximum=maximum,
                  strict_minimum=not allow_zero, from_text=from_text)


def integer(env, value, what, minimum=None, maximum=None, code="invalid_payload"):
    """A whole number (not a bool, not a float) within the bounds."""
    if isinstance(value, bool) or not isinstance(value, int) or (
            minimum is not None and value < minimum) or (
            maximum is not None and value > maximum):
        raise OmniError(code, env._("%s must be a whole number in range.", what))
    return value


def record_id(env, value, what):
    """A database id as a client must send it: one positive integer, not a list."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**31:
        raise OmniError("invalid_payload", env._("%s must be one record id.", what))
    return value


def ids(env, value, what, limit=10000):
    """A list of database ids (the POS sends the products it shows)."""
    if not isinstance(value, (list, tuple)) or len(value) > limit:
        raise OmniError("invalid_payload", env._("%s must be a list of ids.", what))
    return [record_id(env, item, what) for item in value]


def text(env, value, what, max_length=None, required=True):
    """A string (stripped); ``None`` or empty refused when ``required``."""
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise OmniError("invalid_payload", env._("%s must be a string.", what))
    value = value.strip()
    if required and not value:
        raise OmniError("invalid_payload", env._("%s must be a non-empty string.", what))
    if max_length and len(value) > max_length:
        raise OmniError("invalid_payload", env._(
            "%(what)s must be at most %(length)s characters.", what=what,
            length=max_length))
    return value


def one(records, what=None):
    """``records`` when it is exactly one existing record: what an RPC method acting
    on one record (a till, a task, a hold) receives as ``self``."""
    env = records.env
    label = what or records._description
    if len(records) != 1:
        raise OmniError("invalid_payload", env._(
            "This action works on one %(what)s at a time (%(count)s given).",
            what=label, count=len(records)))
    if not records.exists():
        raise OmniError("not_found", env._("This %s does not exist (any more).", label))
    return records


def browse_one(model, value, what):
    """The existing record of ``model`` with id ``value`` (parsed as one id)."""
    return one(model.browse(record_id(model.env, value, what)), what)
