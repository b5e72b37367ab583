# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import SQL


class OmniStockKpi(models.Model):
    _inherit = "omni.stock.kpi"

    def _receipt_moves_sql(self, period):
        """Done moves from a vendor location within the period, with their warehouse."""
        return SQL(
            """
            SELECT m.id, (m.date AT TIME ZONE 'UTC')::date AS day, m.company_id,
                   COALESCE(t.warehouse_id, d.warehouse_id) AS warehouse_id,
                   m.location_dest_id, m.product_uom_qty, m.quantity, m.omni_unexpected
              FROM stock_move m
              JOIN stock_location s ON s.id = m.location_id AND s.usage = 'supplier'
              JOIN stock_location d ON d.id = m.location_dest_id
              LEFT JOIN stock_picking_type t ON t.id = m.picking_type_id
             WHERE m.state = 'done'
               AND m.date >= %(dt_from)s AND m.date < %(dt_to)s
               AND m.company_id = ANY(%(companies)s)
            """,
            dt_from=period.dt_from, dt_to=period.dt_to, companies=period.companies,
        )

    def _kpi_receipt_accuracy(self, period):
        """Receipt lines received as expected (numerator) over lines received."""
        return SQL(
            """
            SELECT r.day, r.company_id, r.warehouse_id, r.location_dest_id, NULL::int,
                   COUNT(*) FILTER (WHERE NOT COALESCE(r.omni_unexpected, FALSE)
                                      AND r.quantity = r.product_uom_qty)::float8,
                   COUNT(*)::float8
              FROM (%s) r
             GROUP BY 1, 2, 3, 4
            """,
            self._receipt_moves_sql(period),
        )

    def _kpi_receipt_scanned_units(self, period):
        """Units confirmed by scans (numerator) over units received."""
        return SQL(
            """
            SELECT r.day, r.company_id, r.warehouse_id, r.location_dest_id, NULL::int,
                   SUM(LEAST(COALESCE(l.omni_scanned_qty, 0), l.quantity))::float8,
                   SUM(l.quantity)::float8
              FROM (%s) r
              JOIN stock_move_line l ON l.move_id = r.id
             GROUP BY 1, 2, 3, 4
            """,
            self._receipt_moves_sql(period),
        )
