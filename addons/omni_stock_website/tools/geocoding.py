# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""No online geocoding while the shop lists its pickup stores.

``website_sale_collect`` locates the shopper's address and any store without
coordinates through ``base_geolocalize`` (OpenStreetMap or Google) every time the
pickup picker opens. Shops with a sales channel use the stores' coordinates kept
in their data instead and never send an address out. The switch is a server-side
marker (:class:`~odoo.addons.omni_stock.tools.guard.ServerFlag`) set around the
picker, never an Odoo context key.
"""

from odoo.addons.omni_stock.tools.guard import ServerFlag

no_geocoding = ServerFlag("omni_stock_website_no_geocoding")
