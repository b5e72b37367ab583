# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL


class OmniStockReconciliation(models.Model):
    _inherit = "omni.stock.reconciliation"

    omni_consigned_qty = fields.Float(
        "Consigned (off-balance)", readonly=True, digits="Product Unit of Measure",
        help="Units held for vendors at the cut-off (quants owned by another partner than "
        "the company): in the warehouse, never in the ERP quantity valued, the layers or "
        "the ledger.")

    def _totals(self):
        return {**super()._totals(), "omni_consigned_qty": self._omni_consigned_qty()}

    def _omni_consigned_qty(self):
        """Owned units in the company's internal locations at the cut-off: today's
        quants, less what came in since, plus what left since."""
        own = self.company_id.partner_id.id
        [row] = self._fetch(SQL(
            """
            SELECT (SELECT COALESCE(SUM(q.quantity), 0)
                      FROM stock_quant q JOIN stock_location l ON l.id = q.location_id
                     WHERE l.usage = 'internal' AND q.company_id = %(company)s
                       AND q.owner_id IS NOT NULL AND q.owner_id <> %(own)s)
                 - (SELECT COALESCE(SUM(CASE WHEN dst.usage = 'internal'
                                             THEN ml.quantity_product_uom
                                             ELSE -ml.quantity_product_uom END), 0)
                      FROM stock_move_line ml
                      JOIN stock_location src ON src.id = ml.location_id
                      JOIN stock_location dst ON dst.id = ml.location_dest_id
                     WHERE ml.state = 'done' AND ml.date > %(cutoff)s
                       AND ml.company_id = %(company)s
                       AND ml.owner_id IS NOT NULL AND ml.owner_id <> %(own)s
                       AND (src.usage = 'internal') <> (dst.usage = 'internal')) AS qty
            """,
            company=self.company_id.id, own=own, cutoff=self._cutoff,
        ))
        return row["qty"]
