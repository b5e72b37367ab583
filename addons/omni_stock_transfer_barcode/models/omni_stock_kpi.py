# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import SQL


class OmniStockKpi(models.Model):
    _inherit = "omni.stock.kpi"

    def _omni_transfer_received_at(self):
        """The last accepted scan of the receipt, else its validation."""
        return SQL(
            """COALESCE((SELECT MAX(s.create_date) FROM omni_stock_scan s
                          WHERE s.picking_id = m.picking_id AND s.kind != 'error'),
                        %s)""", super()._omni_transfer_received_at())
