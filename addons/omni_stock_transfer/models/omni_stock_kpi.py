# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import SQL


class OmniStockKpi(models.Model):
    _inherit = "omni.stock.kpi"

    def _omni_transfer_received_at(self):
        """When a receipt out of transit happened, as an SQL expression over the move
        ``m``: its validation. Hook: omni_stock_barcode gives its last scan."""
        return SQL("m.date")

    def _kpi_transfer_lead_time(self, period):
        """Days per receipt out of transit into a warehouse: from the approval of its
        store transfer request when it has one (what the store waited for), else from
        shipping (the origin move into transit, else the receipt's creation)."""
        received = self._omni_transfer_received_at()
        return SQL(
            """
            SELECT %(received)s::date, m.company_id, dest.warehouse_id, NULL::int, NULL::int,
                   SUM(EXTRACT(EPOCH FROM %(received)s - COALESCE(
                       req.approved_at, orig.sent, p.create_date, m.create_date)) / 86400.0),
                   COUNT(*)::float8
              FROM stock_move m
              JOIN stock_location src ON src.id = m.location_id
              JOIN stock_location dest ON dest.id = m.location_dest_id
              LEFT JOIN stock_picking p ON p.id = m.picking_id
              LEFT JOIN omni_stock_transfer_request req ON req.id = p.omni_transfer_request_id
              LEFT JOIN LATERAL (
                    SELECT MAX(o.date) AS sent
                      FROM stock_move_move_rel rel
                      JOIN stock_move o ON o.id = rel.move_orig_id AND o.state = 'done'
                     WHERE rel.move_dest_id = m.id
                   ) orig ON TRUE
             WHERE m.state = 'done' AND src.usage = 'transit' AND dest.usage = 'internal'
               AND %(received)s >= %(dt_from)s AND %(received)s < %(dt_to)s
               AND m.company_id = ANY(%(companies)s)
             GROUP BY 1, 2, 3
            """,
            received=received, dt_from=period.dt_from, dt_to=period.dt_to,
            companies=period.companies,
        )
