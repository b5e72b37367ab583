# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import is_internal, is_trusted

# computed by Odoo from other fields, used as such when the line is done:
# written by hand, the line would move another quantity than it shows
DERIVED_FIELDS = {"state", "quantity_product_uom"}

# what a done line moved, from where to where and when
DONE_FIELDS = DERIVED_FIELDS | {
    "quantity",
    "product_id",
    "product_uom_id",
    "lot_id",
    "lot_name",
    "location_id",
    "location_dest_id",
    "package_id",
    "result_package_id",
    "owner_id",
    "move_id",
    "date",
}


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    def _omni_refuse_done_edit(self):
        raise UserError(
            self.env._(
                "Done stock operations cannot be edited, and an operation is only done by "
                "validating it: that would change stock without a reason. Record the "
                "correction as an inventory adjustment with a reason."
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not is_internal(self.env):
            self._omni_check_create_vals(vals_list)
        return super().create(vals_list)

    def _omni_check_create_vals(self, vals_list):
        """No line is born done: on a done move, or on a done transfer (Odoo
        would create a done move for it and change quants at once)."""
        moves = self.env["stock.move"].browse(
            [vals["move_id"] for vals in vals_list if vals.get("move_id")]
        )
        pickings = self.env["stock.picking"].browse(
            [
                vals["picking_id"]
                for vals in vals_list
                if vals.get("picking_id") and not vals.get("move_id")
            ]
        )
        if (
            any(DERIVED_FIELDS & set(vals) for vals in vals_list)
            or "done" in moves.mapped("state")
            or "done" in pickings.mapped("state")
        ):
            self._omni_refuse_done_edit()

    def write(self, vals):
        if not is_internal(self.env):
            self._omni_check_write_vals(vals)
        return super().write(vals)

    def _omni_check_write_vals(self, vals):
        if DERIVED_FIELDS & set(vals):
            self._omni_refuse_done_edit()
        if DONE_FIELDS & set(vals) and "done" in self.mapped("state"):
            self._omni_refuse_done_edit()
        if vals.get("move_id") and self.env["stock.move"].browse(vals["move_id"]).state == "done":
            self._omni_refuse_done_edit()

    def _action_done(self):
        self._omni_check_validation()
        return super()._action_done()

    def _omni_locations(self):
        """The locations the stock of these lines leaves or enters: the lines'
        own and their moves' (which may differ once a line is edited)."""
        return (
            self.location_id
            | self.location_dest_id
            | self.move_id.location_id
            | self.move_id.location_dest_id
        )

    def _omni_check_validation(self):
        """Every line being done, whatever the caller: none of its locations is
        an adjustment location unless the adjustment engine validates it, and
        it is not dated on or before the stock lock date."""
        if not self:
            return
        if not is_trusted(self.env):
            adjustment = self._omni_locations()._omni_adjustment_locations()
            if adjustment:
                line = self.filtered(lambda ml: ml._omni_locations() & adjustment)[:1]
                raise UserError(
                    self.env._(
                        "%(product)s: moves to or from %(location)s are stock adjustments. "
                        "Use an inventory adjustment or a scrap with a reason instead.",
                        product=line.product_id.display_name,
                        location=(line._omni_locations() & adjustment)[0].display_name,
                    )
                )
        # the move is dated now; stock_account dates its valuation with Odoo's
        # force_period_date key, which any caller may send: both must be after the lock
        # date, so the key can move the date back into a locked period, never out of one
        now = fields.Datetime.now().date()
        forced = self.env.context.get("force_period_date")
        try:
            forced = fields.Date.to_date(forced) if forced else None
        except (TypeError, ValueError):
            raise UserError(self.env._("force_period_date must be a date.")) from None
        date = min(now, forced) if forced else now
        for company in self.company_id:
            company._omni_check_lock_date(date, self.env._("Stock move validation"))
