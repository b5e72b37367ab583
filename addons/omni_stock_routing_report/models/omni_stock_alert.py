# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

from .omni_stock_alert_rule import ROUTING_KINDS


class OmniStockAlert(models.Model):
    _inherit = "omni.stock.alert"

    kind = fields.Selection(selection_add=ROUTING_KINDS,
                            ondelete={"routing_unroutable": "cascade"})

    def _alert_routing_unroutable(self, rule, companies):
        """Confirmed orders whose last routing found no node (stock, exclusions or
        capacity): they wait in the order's default warehouse."""
        rows = self._fetch(SQL(
            """
            SELECT DISTINCT ON (d.order_id) d.order_id, d.company_id, d.state, d.reason,
                   so.name, so.warehouse_id
              FROM omni_stock_routing_decision d
              JOIN sale_order so ON so.id = d.order_id
             WHERE d.company_id = ANY(%s) AND so.state = 'sale'
             ORDER BY d.order_id, d.id DESC
            """, companies.ids))
        return [{
            "cause_key": f"order:{row['order_id']}",
            "company_id": row["company_id"],
            "name": self.env._("No node can ship %s", row["name"]),
            "figure": row["reason"] or "",
            "warehouse_id": row["warehouse_id"],
            "res_model": "sale.order", "res_id": row["order_id"],
        } for row in rows if row["state"] == "unroutable"]
