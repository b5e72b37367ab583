# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""No online geocoding while the shop lists its pickup stores.

``website_sale_collect`` locates the shopper's address and any store without
coordinates through ``base_geolocalize`` (OpenStreetMap or Google) every time the
pickup picker opens. Shops with a sales channel use the stores' coordinates kept
in their data instead and never send an address out. The switch is a
:mod:`contextvars` variable set by server code around the picker, never an Odoo
context key.
"""

import contextlib
import contextvars

_OFFLINE = contextvars.ContextVar("omni_stock_website_no_geocoding", default=False)


@contextlib.contextmanager
def no_geocoding():
    token = _OFFLINE.set(True)
    try:
        yield
    finally:
        _OFFLINE.reset(token)


def geocoding_blocked():
    return _OFFLINE.get()
