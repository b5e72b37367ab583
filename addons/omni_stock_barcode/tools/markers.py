# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Server-side marker of the scanner (a contextvar, never an Odoo context key).

:data:`scan_write`: set by ``omni.stock.scan`` around its own writes of a move
line's scanned quantity; any other write of that field is refused, so no RPC
client can claim a line was scanned.
"""

from odoo.addons.omni_stock.tools.guard import ServerFlag

scan_write = ServerFlag("omni_stock_barcode_scan_write")
