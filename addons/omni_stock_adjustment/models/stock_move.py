# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError

from ..tools import is_trusted


class StockMove(models.Model):
    _inherit = "stock.move"

    def _omni_check_adjustment_moves(self):
        """Moves from/to an inventory-loss or scrap location are stock
        corrections: only the adjustment engine (after its checks) may validate
        them, never a picking or an RPC call."""
        if is_trusted(self.env):
            return
        bad = self.filtered(
            lambda m: (
                m.state != "done" and "inventory" in (m.location_id.usage, m.location_dest_id.usage)
            )
        )
        if bad:
            raise UserError(
                self.env._(
                    "%(product)s: moves to or from %(location)s are stock adjustments. Use an "
                    "inventory adjustment or a scrap with a reason instead.",
                    product=bad[0].product_id.display_name,
                    location=(
                        bad[0].location_id
                        if bad[0].location_id.usage == "inventory"
                        else bad[0].location_dest_id
                    ).display_name,
                )
            )

    def _omni_check_lock(self, date):
        for company in self.grouped("company_id"):
            company = company or self.env.company
            company._omni_check_lock_date(date, self.env._("Stock move validation"))

    def _action_done(self, cancel_backorder=False):
        self._omni_check_adjustment_moves()
        self._omni_check_lock(self.env.context.get("force_period_date") or fields.Datetime.now())
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        for move in moves.filtered(lambda m: m.state == "done"):
            move.company_id._omni_check_lock_date(move.date, self.env._("Stock move validation"))
        return moves

    def write(self, vals):
        if vals.get("date") and any(move.state == "done" for move in self):
            self.filtered(lambda m: m.state == "done")._omni_check_lock(
                fields.Datetime.to_datetime(vals["date"])
            )
        return super().write(vals)
