# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from ..tools import scan_write


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    omni_scanned_qty = fields.Float(
        "Scanned Quantity", digits="Product Unit of Measure", readonly=True, copy=False,
        help="Quantity confirmed by scans (written by the scanner only).",
    )

    def _omni_check_scan_vals(self, vals_list):
        if not scan_write.is_set() and any("omni_scanned_qty" in vals for vals in vals_list):
            raise UserError(self.env._(
                "The scanned quantity is written by the scanner only: scan the goods."))

    @api.model_create_multi
    def create(self, vals_list):
        self._omni_check_scan_vals(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._omni_check_scan_vals([vals])
        return super().write(vals)

    def _omni_unscanned(self):
        """Lines of strict operation types whose quantity is not confirmed by scans."""
        return self.filtered(
            lambda line: (line.picking_type_id or line.move_id.picking_type_id).omni_strict_scan
            and float_compare(line.quantity, line.omni_scanned_qty,
                              precision_rounding=line.product_uom_id.rounding) > 0
        )

    def _omni_check_strict_scan(self):
        unscanned = self._omni_unscanned()
        if unscanned:
            raise UserError(self.env._(
                "Strict scanning: these lines were not scanned (or not all of their "
                "quantity): %(lines)s. Scan them before validating.",
                lines=", ".join(
                    f"{line.picking_id.name or line.move_id.reference}: "
                    f"{line.product_id.display_name} "
                    f"({line.omni_scanned_qty:g}/{line.quantity:g})"
                    for line in unscanned[:10])))

    def _action_done(self):
        self._omni_check_strict_scan()
        return super()._action_done()
