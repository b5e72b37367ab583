# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL, float_repr

from .omni_stock_alert_rule import TRANSFER_ALERT_KINDS


class OmniStockAlert(models.Model):
    _inherit = "omni.stock.alert"

    kind = fields.Selection(
        selection_add=TRANSFER_ALERT_KINDS,
        ondelete=dict.fromkeys((code for code, _label in TRANSFER_ALERT_KINDS), "cascade"))

    def _alert_transit_variance(self, rule, companies):
        """Transit variances still to explain: one alert each."""
        rows = self._fetch(SQL(
            """
            SELECT v.id, v.company_id, v.product_id, v.quantity, r.name AS request,
                   r.warehouse_dest_id, dest.lot_stock_id
              FROM omni_stock_transit_variance v
              JOIN omni_stock_transfer_request r ON r.id = v.request_id
              JOIN stock_warehouse dest ON dest.id = r.warehouse_dest_id
             WHERE v.state = 'open' AND v.company_id = ANY(%s)
            """, companies.ids))
        products = self.env["product.product"].browse([row["product_id"] for row in rows])
        names = dict(zip(products.ids, products.mapped("display_name"), strict=True))
        return [{
            "cause_key": f"transit_variance:{row['id']}",
            "company_id": row["company_id"],
            "name": self.env._("Transit variance on %(request)s: %(product)s",
                               request=row["request"], product=names[row["product_id"]]),
            "figure": self.env._("%s units missing", float_repr(row["quantity"], 2))
            if row["quantity"] > 0 else
            self.env._("%s units received in excess", float_repr(-row["quantity"], 2)),
            "product_id": row["product_id"], "warehouse_id": row["warehouse_dest_id"],
            "location_id": row["lot_stock_id"],
            "res_model": "omni.stock.transit.variance", "res_id": row["id"],
        } for row in rows]

    def _alert_break_glass_overdue(self, rule, companies):
        """Emergency purchases still waiting for approval past their deadline."""
        rows = self._fetch(SQL(
            """
            SELECT e.id, e.company_id, e.name, e.approval_deadline
              FROM omni_stock_emergency_purchase e
             WHERE e.approval_state = 'to_approve' AND e.approval_deadline < %s
               AND e.company_id = ANY(%s)
            """, fields.Datetime.now(), companies.ids))
        return [{
            "cause_key": f"break_glass:{row['id']}",
            "company_id": row["company_id"],
            "name": self.env._("Emergency purchase %s not approved in time", row["name"]),
            "figure": self.env._("approval was due by %s", row["approval_deadline"]),
            "res_model": "omni.stock.emergency.purchase", "res_id": row["id"],
        } for row in rows]
