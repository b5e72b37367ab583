# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

# field, status, name of the locations every warehouse keeps for its returns;
# an existing location with that status under the warehouse is reused
RETURN_LOCATIONS = (
    ("omni_inspection_location_id", "inspection", "Returns Inspection", True),
    ("omni_quarantine_location_id", "quarantine", "Returns Quarantine", True),
    ("omni_refurbish_location_id", "unpickable", "Refurbish", False),
)


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    omni_inspection_location_id = fields.Many2one(
        "stock.location", "Returns Inspection Location", check_company=True,
        domain="[('usage', '=', 'internal'), ('omni_status', '=', 'inspection')]",
        help="Every return into this warehouse lands here (never sellable) until inspected.")
    omni_quarantine_location_id = fields.Many2one(
        "stock.location", "Returns Quarantine Location", check_company=True,
        domain="[('usage', '=', 'internal'), ('omni_status', '=', 'quarantine')]",
        help="Excess or duplicate returns land here and wait for a manager.")
    omni_refurbish_location_id = fields.Many2one(
        "stock.location", "Refurbish Location", check_company=True,
        domain="[('usage', '=', 'internal'), ('omni_status', '!=', 'sellable')]",
        help="Returns graded for refurbishment wait here until resold or scrapped.")
    omni_return_age_days = fields.Integer(
        "Inspection Limit (days)", default=3,
        help="Returns awaiting inspection longer than this raise an activity for the "
        "warehouse manager.")

    omni_return_manager_id = fields.Many2one(
        "res.users", "Returns Manager",
        help="Gets an activity for each return awaiting inspection too long.")

    @api.model_create_multi
    def create(self, vals_list):
        warehouses = super().create(vals_list)
        warehouses._omni_ensure_return_locations()
        return warehouses

    def _omni_inspection_location(self):
        """The warehouse's own inspection location (kept on the warehouse)."""
        self.ensure_one()
        self._omni_ensure_return_locations()
        # earned: the warehouse's own location, given back in the caller's environment
        return self.sudo().omni_inspection_location_id.with_env(self.env)

    def _omni_quarantine_location(self):
        """Where flagged returns wait for a returns manager."""
        self.ensure_one()
        self._omni_ensure_return_locations()
        # earned: the warehouse's own location, given back in the caller's environment
        return self.sudo().omni_quarantine_location_id.with_env(self.env)

    def _omni_ensure_return_locations(self):
        """Give each warehouse its inspection, quarantine and refurbish locations."""
        # earned: makes only the warehouse's own return locations (callers: a warehouse's
        # create, the return workflow)
        Location = self.env["stock.location"].sudo()
        for warehouse in self.sudo():
            vals = {}
            for field, status, name, reuse in RETURN_LOCATIONS:
                if warehouse[field]:
                    continue
                location = reuse and Location.search([
                    ("id", "child_of", warehouse.view_location_id.id),
                    ("usage", "=", "internal"), ("omni_status", "=", status),
                ], order="id", limit=1)
                vals[field] = (location or Location.create(
                    self._prepare_omni_return_location_vals(warehouse, status, name))).id
            if vals:
                warehouse.write(vals)

    @api.model
    def _prepare_omni_return_location_vals(self, warehouse, status, name):
        return {
            "name": name, "location_id": warehouse.view_location_id.id, "usage": "internal",
            "omni_status": status, "company_id": warehouse.company_id.id,
        }

    @api.model
    def _omni_return_warehouse(self, dest, picking_type=None):
        """The warehouse receiving a return into ``dest``."""
        return dest.warehouse_id or (picking_type and picking_type.warehouse_id) or self.browse()
