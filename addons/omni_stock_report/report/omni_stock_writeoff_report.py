# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.addons.omni_stock_adjustment.models.omni_stock_adjustment_log import SOURCES
from odoo.addons.omni_stock_adjustment.models.omni_stock_adjustment_reason import CATEGORIES
from odoo.addons.omni_stock_adjustment.tools import FINANCE_GROUP
from odoo.tools import SQL


class OmniStockWriteoffReport(models.Model):
    """Applied stock adjustments (audit log) by reason, store, user and day.

    Values are the log's (|change| x product cost when applied), signed like the
    change; only users with the *Stock Values* right read them.
    """

    _name = "omni.stock.writeoff.report"
    _description = "Write-offs and Adjustments"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "product_id"
    _depends = {
        "omni.stock.adjustment.log": [
            "date", "event", "company_id", "location_id", "product_id", "reason_id",
            "reason_category", "source", "requester_id", "approver_id", "quantity_delta",
            "value",
        ],
        "stock.location": ["warehouse_id"],
        "product.product": ["product_tmpl_id"],
        "product.template": ["categ_id"],
    }

    date = fields.Datetime(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", "Store / Warehouse", readonly=True)
    location_id = fields.Many2one("stock.location", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    categ_id = fields.Many2one("product.category", "Product Category", readonly=True)
    reason_id = fields.Many2one("omni.stock.adjustment.reason", readonly=True)
    reason_category = fields.Selection(CATEGORIES, readonly=True)
    source = fields.Selection(SOURCES, readonly=True)
    user_id = fields.Many2one("res.users", "Requested By", readonly=True)
    approver_id = fields.Many2one("res.users", readonly=True)
    quantity = fields.Float(readonly=True, digits="Product Unit of Measure")
    loss_quantity = fields.Float(
        "Written-off Quantity", readonly=True, digits="Product Unit of Measure"
    )
    value = fields.Float(readonly=True, groups=FINANCE_GROUP, help="Signed like the change.")
    loss_value = fields.Float(
        "Written-off Value", readonly=True, groups=FINANCE_GROUP,
        help="Value of the negative changes, as a positive amount.",
    )

    @api.model
    def _select(self):
        return SQL("""
            log.id, log.date, log.company_id, loc.warehouse_id, log.location_id,
            log.product_id, pt.categ_id, log.reason_id, log.reason_category, log.source,
            log.requester_id AS user_id, log.approver_id,
            log.quantity_delta AS quantity,
            GREATEST(-log.quantity_delta, 0) AS loss_quantity,
            CASE WHEN log.quantity_delta < 0 THEN -log.value ELSE log.value END AS value,
            CASE WHEN log.quantity_delta < 0 THEN log.value ELSE 0 END AS loss_value
        """)

    @api.model
    def _from(self):
        return SQL("""
            omni_stock_adjustment_log log
            JOIN stock_location loc ON loc.id = log.location_id
            JOIN product_product pp ON pp.id = log.product_id
            JOIN product_template pt ON pt.id = pp.product_tmpl_id
        """)

    @api.model
    def _where(self):
        return SQL("log.event = 'applied'")

    @property
    def _table_query(self):
        return SQL("SELECT %s FROM %s WHERE %s", self._select(), self._from(), self._where())
