# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    omni_is_store = fields.Boolean(
        "Is a Store",
        compute="_compute_omni_is_store",
        search="_search_omni_is_store",
        help="A source warehouse of a sales channel of type store.",
    )

    def _omni_store_ids(self):
        # earned: only which warehouses are stores (ids); no channel leaves
        channels = self.env["omni.channel"].sudo().search([("channel_type", "=", "store")])
        return set(channels.warehouse_ids.ids)

    def _compute_omni_is_store(self):
        stores = self._omni_store_ids()
        for warehouse in self:
            warehouse.omni_is_store = warehouse.id in stores

    def _search_omni_is_store(self, operator, value):
        if operator not in ("=", "!="):
            return NotImplemented
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", list(self._omni_store_ids()))]
