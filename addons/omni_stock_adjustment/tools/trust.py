# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Server-side trust markers for stock integrity (omni_stock's ``ServerFlag``:
contextvars, never Odoo context keys, which any RPC client can send).

- :data:`trusted_adjustment`: the adjustment engine itself, after it has
  checked reason, thresholds, approval and lock date, creates and validates
  moves from and to adjustment locations, which are otherwise refused.
- :data:`internal_stock_operation`: set around Odoo's own server methods that
  legitimately write what users may not (quant quantity, identity and
  reservation in ``_update_available_quantity``; a move turning done in
  ``_action_done``). It grants nothing about adjustment locations or the lock
  date, which are checked on every validation.
- :data:`adjustment_source`: how a change reached the policy (count, wizard,
  import, API), as the audit log records it; alerts skip the system's own changes,
  so a client must never be able to say it.
"""

from odoo import SUPERUSER_ID
from odoo.addons.omni_stock.tools.guard import ServerFlag, ServerValue

trusted_adjustment = ServerFlag("omni_stock_adjustment_trusted")
internal_stock_operation = ServerFlag("omni_stock_adjustment_internal")
adjustment_source = ServerValue("omni_stock_adjustment_source")


def is_system(env):
    """The technical superuser (crons, module data), not a person using sudo()."""
    return env.uid == SUPERUSER_ID


def is_trusted(env):
    return trusted_adjustment.is_set() or is_system(env)


def is_internal(env):
    """Odoo's own stock code, the adjustment engine or the system is writing."""
    return internal_stock_operation.is_set() or is_trusted(env)
