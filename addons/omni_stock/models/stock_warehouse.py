from odoo import models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    def _omni_inspection_location(self):
        """Where goods coming back from customers wait for their inspection (status
        *inspection*: never sellable): the warehouse's first such location, created
        when it has none. The one rule every returning flow (POS refunds, returns)
        asks; ``omni_stock_return`` keeps it on the warehouse."""
        self.ensure_one()
        # earned: finds or makes this warehouse's own inspection location, nothing else (its
        # callers route goods the user receives: their validation)
        Location = self.env["stock.location"].sudo()
        location = Location.search([
            ("id", "child_of", self.view_location_id.id), ("usage", "=", "internal"),
            ("omni_status", "=", "inspection"), ("company_id", "=", self.company_id.id),
        ], order="id", limit=1)
        return location or Location.create(self._prepare_omni_inspection_location_vals())

    def _prepare_omni_inspection_location_vals(self):
        self.ensure_one()
        return {
            "name": self.env._("Returns Inspection"),
            "location_id": self.view_location_id.id,
            "usage": "internal",
            "omni_status": "inspection",
            "company_id": self.company_id.id,
        }
