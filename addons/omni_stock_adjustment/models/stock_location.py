# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError

from ..tools import is_trusted

# usages of a real counterpart: a vendor, a customer, our own stock, goods on
# their way, a folder. Every other usage (inventory loss, production, and any
# usage another addon adds) creates or destroys stock: an adjustment location.
COUNTERPART_USAGES = ("supplier", "customer", "internal", "transit", "view")

# changing these on a location re-labels the stock held in it and below it
# (other warehouse, other company, no longer stock) without any move
STOCK_HOLDING_FIELDS = (
    "location_id",
    "parent_path",
    "warehouse_id",
    "usage",
    "company_id",
    "active",
    "scrap_location",
)


class StockLocation(models.Model):
    _inherit = "stock.location"

    def _omni_adjustment_locations(self):
        """The locations of ``self`` that are nobody's counterpart: a move from
        or to them is a stock adjustment, which only the adjustment engine may
        validate. Override point for an addon that has a real counterpart of
        another usage (e.g. production in a manufacturing company)."""
        return self.filtered(lambda location: location.usage not in COUNTERPART_USAGES)

    def write(self, vals):
        if not is_trusted(self.env):
            self._omni_check_stock_stays(vals)
        return super().write(vals)

    def _omni_check_stock_stays(self, vals):
        """A location holding stock (itself or below it) keeps its parent,
        usage, company, warehouse and active state: the stock is moved out by
        transfers first."""
        self.filtered(
            lambda location: any(
                location._omni_field_changes(name, vals[name])
                for name in STOCK_HOLDING_FIELDS
                if name in vals
            )
        )._omni_check_holds_no_stock()

    def _omni_check_holds_no_stock(self):
        """Refuse the change of these locations when they, or a location below
        them, hold stock (on hand or reserved)."""
        if not self:
            return
        # earned: a refusal: whether stock is there, whoever may read it; only its place is named
        held = (
            self.env["stock.quant"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("location_id", "child_of", self.ids),
                    "|",
                    ("quantity", "!=", 0),
                    ("reserved_quantity", "!=", 0),
                ],
                limit=1,
            )
        )
        if held:
            holder = held.location_id
            location = self.filtered(
                lambda loc: loc.parent_path and holder.parent_path.startswith(loc.parent_path)
            )[:1]
            raise UserError(
                self.env._(
                    "%(location)s holds stock (in %(holder)s): move it out by a transfer before "
                    "changing the location's parent, type, company, warehouse or active state.",
                    location=(location or self[:1]).display_name,
                    holder=holder.display_name,
                )
            )

    def _omni_field_changes(self, name, value):
        field = self._fields[name]
        return field.convert_to_cache(value, self, validate=False) != field.convert_to_cache(
            self[name], self, validate=False
        )
