# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.addons.omni_stock_adjustment.tools import FINANCE_GROUP
from odoo.exceptions import AccessError
from odoo.tools import SQL

from .stock_warehouse import ABC_CLASSES

VELOCITY_CLASSES = [("fast", "Fast"), ("medium", "Medium"), ("slow", "Slow")]


class OmniStockAbcClass(models.Model):
    """A product's current ABC class in a warehouse (absent: never moved, so C).

    Written only by :meth:`_omni_classify` (set-based SQL); every change of
    class is kept in ``omni.stock.abc.history``.
    """

    _name = "omni.stock.abc.class"
    _description = "Product ABC Class per Warehouse"
    # not by value: the order must not need the finance right
    _order = "warehouse_id, abc_class, consumption_qty desc"
    _rec_name = "product_id"

    product_id = fields.Many2one("product.product", required=True, readonly=True, index=True,
                                 ondelete="cascade")
    warehouse_id = fields.Many2one("stock.warehouse", required=True, readonly=True, index=True,
                                   ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    abc_class = fields.Selection(ABC_CLASSES, "Class", required=True, readonly=True)
    velocity_class = fields.Selection(VELOCITY_CLASSES, readonly=True)
    consumption_qty = fields.Float(digits="Product Unit of Measure", readonly=True)
    consumption_value = fields.Float(readonly=True, groups=FINANCE_GROUP)
    velocity = fields.Integer("Picks", readonly=True,
                              help="Done outgoing moves over the window.")
    computed_at = fields.Datetime(readonly=True)

    _sql_constraints = [
        ("product_warehouse_uniq", "unique(product_id, warehouse_id)",
         "A product has one class per warehouse."),
    ]

    @api.model
    def _omni_class_of(self, products, warehouse):
        """``{product_id: class}`` in ``warehouse``; products never moved are C."""
        # earned: only the class letters, for the count lines server code adds
        rows = self.sudo().search_read(
            [("warehouse_id", "=", warehouse.id), ("product_id", "in", products.ids)],
            ["product_id", "abc_class"], load=False,
        )
        classes = dict.fromkeys(products.ids, "C")
        classes.update({row["product_id"]: row["abc_class"] for row in rows})
        return classes

    # ------------------------------------------------------------------ classification

    @api.model
    def _cte_consumption(self, warehouse, since):
        """Units delivered or sold out of ``warehouse`` and the number of picks, per product."""
        return SQL(
            """
            SELECT sm.product_id, SUM(sm.product_qty)::float8 AS qty, COUNT(*)::int AS picks
              FROM stock_move sm
              JOIN stock_location src ON src.id = sm.location_id
              JOIN stock_location dest ON dest.id = sm.location_dest_id
             WHERE sm.state = 'done' AND sm.date >= %(since)s
               AND src.usage = 'internal' AND src.warehouse_id = %(wh)s
               AND dest.usage = 'customer'
             GROUP BY sm.product_id
            """,
            since=since, wh=warehouse.id,
        )

    @api.model
    def _cte_ranked(self, warehouse):
        """Consumption value (units x standard cost) ranked with its running share."""
        return SQL(
            """
            SELECT c.product_id, c.qty, c.picks,
                   c.qty * COALESCE((pp.standard_price ->> %(company)s)::float8, 0) AS value
              FROM consumption c
              JOIN product_product pp ON pp.id = c.product_id
            """,
            company=str(warehouse.company_id.id),
        )

    @api.model
    def _cte_classified(self, warehouse):
        """A, B, C by cumulative share of value (Pareto); velocity by share of picks."""
        return SQL(
            """
            SELECT r.product_id, r.qty, r.value, r.picks,
                   CASE WHEN r.value <= 0 THEN 'C'
                        WHEN r.cum - r.value < %(a)s * r.total THEN 'A'
                        WHEN r.cum - r.value < %(ab)s * r.total THEN 'B'
                        ELSE 'C' END AS abc_class,
                   CASE WHEN r.cum_picks - r.picks < %(a)s * r.total_picks THEN 'fast'
                        WHEN r.cum_picks - r.picks < %(ab)s * r.total_picks THEN 'medium'
                        ELSE 'slow' END AS velocity_class
              FROM (
                    SELECT ranked.*,
                           SUM(value) OVER (ORDER BY value DESC, product_id) AS cum,
                           SUM(value) OVER () AS total,
                           SUM(picks) OVER (ORDER BY picks DESC, product_id) AS cum_picks,
                           SUM(picks) OVER () AS total_picks
                      FROM ranked
              ) r
            """,
            a=warehouse.omni_abc_share_a / 100.0,
            ab=(warehouse.omni_abc_share_a + warehouse.omni_abc_share_b) / 100.0,
        )

    @api.model
    def _omni_classify(self, warehouses=None, source="cron"):
        """Recompute the classes of ``warehouses`` (default: all) in one statement
        each; changed classes are written and kept in the history. Returns the
        number of class changes."""
        # earned: the cron's, or action_omni_classify() after its inventory manager check
        warehouses = warehouses or self.env["stock.warehouse"].sudo().search(
            [("active", "=", True)])
        now = fields.Datetime.now()
        History = self.env["omni.stock.abc.history"].sudo()
        changes = 0
        for warehouse in warehouses:
            since = now - timedelta(days=warehouse.omni_abc_window_days)
            query = SQL(
                """
                WITH consumption AS (%(consumption)s),
                     ranked AS (%(ranked)s),
                     classified AS (%(classified)s),
                     current AS (SELECT product_id, abc_class FROM omni_stock_abc_class
                                  WHERE warehouse_id = %(wh)s),
                     merged AS (
                        SELECT COALESCE(n.product_id, o.product_id) AS product_id,
                               COALESCE(n.qty, 0) AS qty, COALESCE(n.value, 0) AS value,
                               COALESCE(n.picks, 0) AS picks,
                               COALESCE(n.abc_class, 'C') AS abc_class,
                               COALESCE(n.velocity_class, 'slow') AS velocity_class,
                               o.abc_class AS old_class
                          FROM classified n FULL JOIN current o ON o.product_id = n.product_id
                     ),
                     upsert AS (
                        INSERT INTO omni_stock_abc_class
                               (product_id, warehouse_id, company_id, abc_class, velocity_class,
                                consumption_qty, consumption_value, velocity, computed_at,
                                create_uid, create_date, write_uid, write_date)
                        SELECT product_id, %(wh)s, %(company)s, abc_class, velocity_class,
                               qty, value, picks, %(now)s, %(uid)s, %(now)s, %(uid)s, %(now)s
                          FROM merged
                        ON CONFLICT (product_id, warehouse_id) DO UPDATE SET
                               abc_class = EXCLUDED.abc_class,
                               velocity_class = EXCLUDED.velocity_class,
                               consumption_qty = EXCLUDED.consumption_qty,
                               consumption_value = EXCLUDED.consumption_value,
                               velocity = EXCLUDED.velocity,
                               computed_at = EXCLUDED.computed_at,
                               write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
                     )
                SELECT product_id, old_class, abc_class FROM merged
                 WHERE old_class IS DISTINCT FROM abc_class
                """,
                consumption=self._cte_consumption(warehouse, since),
                ranked=self._cte_ranked(warehouse),
                classified=self._cte_classified(warehouse),
                wh=warehouse.id, company=warehouse.company_id.id, now=now, uid=self.env.uid,
            )
            self.env.flush_all()
            self.env.cr.execute(query)
            rows = self.env.cr.fetchall()
            History.create([
                History._prepare_history_vals(warehouse, product_id, old, new, source, now)
                for product_id, old, new in rows
            ])
            changes += len(rows)
        self.invalidate_model()
        return changes

    @api.model
    def _cron_classify(self):
        self._omni_classify(source="cron")

    def action_omni_classify(self):
        """Recompute now (button of the warehouse's classes list)."""
        if not self.env.user.has_group("stock.group_stock_manager"):
            raise AccessError(self.env._("Only inventory managers recompute the ABC classes."))
        warehouses = self.env["stock.warehouse"].search([("active", "=", True)])
        self.sudo()._omni_classify(warehouses, source="manual")
