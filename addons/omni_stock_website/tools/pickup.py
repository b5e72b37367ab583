# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The store a shopper chose for pickup survives Odoo re-setting the delivery method.

``website_sale`` sets the delivery method again whenever the shipping address changes
(``_update_address``), and setting a delivery method first removes the delivery line,
which forgets the chosen store. When the method set again is the same *Pick up in
store*, the cart keeps its store: while Odoo re-sets the method, the cart's holds stay
where they are (this server-side marker, never an Odoo context key), then the store is
set back and the holds follow once.
"""

from odoo.addons.omni_stock.tools.guard import ServerFlag

pickup_reset = ServerFlag("omni_stock_website_pickup_reset")
