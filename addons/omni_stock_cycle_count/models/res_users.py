# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

COUNTER = "omni_stock_cycle_count.group_count_counter"
STOCK_USER = "stock.group_stock_user"


class ResUsers(models.Model):
    _inherit = "res.users"

    omni_count_warehouse_ids = fields.Many2many(
        "stock.warehouse", "omni_count_user_warehouse_rel", "user_id", "warehouse_id",
        string="Counts In",
        help="The sites whose count tasks My Counts lists for this user (a store's "
        "counter: their store). Empty: every site of their companies.")

    def _omni_is_blind_counter(self):
        """Whether this user counts blind: a counter without Inventory rights.

        An Inventory user who also counts reads stock as an Inventory user; the
        record rules of the counter group say the same (each has an Inventory
        user twin reading every row)."""
        self.ensure_one()
        return self.has_group(COUNTER) and not self.has_group(STOCK_USER)

    def _omni_may_count(self):
        """Counters and Inventory users count (the latter not blind)."""
        self.ensure_one()
        return self.has_groups(f"{COUNTER},{STOCK_USER}")
