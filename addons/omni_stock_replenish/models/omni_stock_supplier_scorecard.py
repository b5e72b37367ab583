# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Monthly supplier scorecards per vendor × product category × warehouse.

One definition, used by the snapshots, the recommendations' lead times and the
tests (which recompute them from the moves):

- a *line* is a confirmed purchase order line whose promised date (``date_planned``)
  falls in the month and is past; its *received* quantity is what its done receipts
  brought into the warehouse (done quantities, in the product's unit; returns to the
  vendor not subtracted: they are defects);
- unit fill rate = Σ min(received, ordered) / Σ ordered; line fill rate = lines
  received in full / lines;
- on time in full (OTIF) = lines received in full with their last receipt at most the
  tolerance after the promised date / lines;
- lead time of a line = its first receipt − the order's confirmation, in days (lines
  with a receipt); mean, p90 and the share within tolerance of the promised date;
- defect rate = units returned to the vendor / units received;
- price variance = Σ (price − the vendor's list price) × qty / Σ list price × qty
  (lines whose product has a price on the vendor's list).

A rate without data is empty (NULL), never 0, and never above 100 %.
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..tools import replenish_formula as rf

MANAGER = "stock.group_stock_manager"


class OmniStockSupplierScorecard(models.Model):
    _name = "omni.stock.supplier.scorecard"
    _description = "Supplier Scorecard (month)"
    _order = "month desc, partner_id, warehouse_id, categ_id"
    _rec_name = "partner_id"

    month = fields.Date(required=True, readonly=True,
                        help="First day of the month of the promised dates.")
    partner_id = fields.Many2one("res.partner", "Vendor", required=True, readonly=True)
    categ_id = fields.Many2one("product.category", "Product Category", readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True)
    # the unique index (month, vendor, category, warehouse, company) serves the reads
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    line_count = fields.Integer("Lines Due", readonly=True)
    lines_filled = fields.Integer("Lines in Full", readonly=True)
    lines_otif = fields.Integer("Lines OTIF", readonly=True)
    qty_ordered = fields.Float(readonly=True, digits="Product Unit of Measure")
    qty_filled = fields.Float("Qty Received (up to ordered)", readonly=True,
                              digits="Product Unit of Measure")
    qty_received = fields.Float(readonly=True, digits="Product Unit of Measure")
    qty_returned = fields.Float("Qty Returned to Vendor", readonly=True,
                                digits="Product Unit of Measure")
    unit_fill_rate = fields.Float(readonly=True, digits=(16, 4),
                                  help="Empty: no line was due (no data).")
    line_fill_rate = fields.Float(readonly=True, digits=(16, 4))
    otif_rate = fields.Float("On Time In Full", readonly=True, digits=(16, 4))
    lead_time_count = fields.Integer("Lines with a Receipt", readonly=True)
    lead_time_sum = fields.Float(readonly=True, digits=(16, 4))
    lead_time_sumsq = fields.Float(readonly=True, digits=(16, 4))
    lead_time_mean = fields.Float("Lead Time (days)", readonly=True, digits=(16, 2))
    lead_time_p90 = fields.Float("Lead Time p90 (days)", readonly=True, digits=(16, 2))
    lead_time_within_rate = fields.Float("Lead Time Within Tolerance", readonly=True,
                                         digits=(16, 4))
    defect_rate = fields.Float(readonly=True, digits=(16, 4))
    price_variance = fields.Float(readonly=True, digits=(16, 4),
                                  help="Paid over the vendor's list price (0.05: 5 % "
                                       "more). Empty: no list price.")
    computed_at = fields.Datetime(readonly=True)

    _sql_constraints = [
        ("scorecard_uniq",
         "unique NULLS NOT DISTINCT (month, partner_id, categ_id, warehouse_id, company_id)",
         "One scorecard per month, vendor, category and warehouse."),
    ]

    # ------------------------------------------------------------------
    # one definition: the lines and their figures
    # ------------------------------------------------------------------
    @api.model
    def _line_figures_sql(self, company_ids, date_from, date_to, partner_ids=None):
        """One row per purchase line of ``company_ids`` due in [date_from, date_to): the
        figures of the definition above (the snapshots sum them; the drill-down, the
        KPIs and the tests read them). The tolerance is the company's."""
        return SQL(
            """
            WITH due AS (
                SELECT pol.id, pol.product_id, pol.product_uom_qty, pol.date_planned,
                       pol.price_unit, po.partner_id, po.company_id, po.date_approve,
                       po.picking_type_id,
                       make_interval(days => COALESCE(co.omni_repl_lt_tolerance_days, 0))
                           AS tolerance
                  FROM purchase_order_line pol
                  JOIN purchase_order po ON po.id = pol.order_id
                  JOIN res_company co ON co.id = po.company_id
                 WHERE po.state IN ('purchase', 'done') AND pol.display_type IS NULL
                   AND po.company_id = ANY(%(companies)s)
                   AND pol.date_planned >= %(date_from)s AND pol.date_planned < %(date_to)s
                   AND pol.date_planned < now() AT TIME ZONE 'UTC'
                   AND pol.product_uom_qty > 0
                   AND (%(all_partners)s OR po.partner_id = ANY(%(partners)s))
            ), moves AS (
                SELECT m.purchase_line_id AS line_id,
                       SUM(m.quantity / mu.factor * pu.factor) FILTER (WHERE dl.usage IN
                           ('internal', 'transit') AND m.origin_returned_move_id IS NULL)
                           AS received,
                       MIN(m.date) FILTER (WHERE dl.usage IN ('internal', 'transit')
                           AND m.origin_returned_move_id IS NULL) AS first_date,
                       MAX(m.date) FILTER (WHERE dl.usage IN ('internal', 'transit')
                           AND m.origin_returned_move_id IS NULL) AS last_date,
                       SUM(m.quantity / mu.factor * pu.factor) FILTER (
                           WHERE dl.usage = 'supplier') AS returned
                  FROM due
                  JOIN stock_move m ON m.purchase_line_id = due.id
                  JOIN stock_location dl ON dl.id = m.location_dest_id
                  JOIN uom_uom mu ON mu.id = m.product_uom
                  JOIN product_product pp ON pp.id = m.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  JOIN uom_uom pu ON pu.id = pt.uom_id
                 WHERE m.state = 'done'
                 GROUP BY 1
            ), prices AS (
                SELECT s.partner_id, s.product_tmpl_id, s.product_id, MIN(s.price) AS price
                  FROM product_supplierinfo s
                 WHERE s.price > 0 AND s.partner_id IN (SELECT partner_id FROM due)
                 GROUP BY 1, 2, 3
            )
            SELECT due.id AS line_id, due.partner_id, pt.categ_id, spt.warehouse_id,
                   due.company_id, date_trunc('month', due.date_planned)::date AS month,
                   due.date_planned::date AS planned, due.product_uom_qty AS ordered,
                   COALESCE(mv.received, 0) AS received,
                   COALESCE(mv.returned, 0) AS returned, mv.first_date, mv.last_date,
                   COALESCE(mv.received, 0) >= due.product_uom_qty - 1e-6 AS in_full,
                   COALESCE(mv.received, 0) >= due.product_uom_qty - 1e-6
                       AND mv.last_date <= due.date_planned + due.tolerance AS otif,
                   EXTRACT(EPOCH FROM mv.first_date - due.date_approve) / 86400.0 AS lead,
                   mv.first_date <= due.date_planned + due.tolerance AS lead_within,
                   due.price_unit, LEAST(sp.price, st.price) AS list_price
              FROM due
              JOIN product_product pp ON pp.id = due.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
              LEFT JOIN stock_picking_type spt ON spt.id = due.picking_type_id
              LEFT JOIN moves mv ON mv.line_id = due.id
              LEFT JOIN prices sp ON sp.partner_id = due.partner_id
                                 AND sp.product_id = pp.id
              LEFT JOIN prices st ON st.partner_id = due.partner_id
                                 AND st.product_id IS NULL
                                 AND st.product_tmpl_id = pp.product_tmpl_id
            """,
            companies=list(company_ids), date_from=date_from, date_to=date_to,
            all_partners=partner_ids is None, partners=list(partner_ids or []),
        )

    @api.model
    def _compute_snapshots(self, company=None, date_from=None, date_to=None,
                           partner_ids=None):
        """Replace the snapshots of the months in [date_from, date_to) (default: the
        last 24 months and this one), of every vendor or of ``partner_ids``, in one
        set-based statement."""
        company = company or self.env.company
        today = fields.Date.context_today(self)
        date_to = date_to or (today.replace(day=1) + relativedelta(months=1))
        date_from = date_from or (date_to - relativedelta(months=25))
        date_from = date_from.replace(day=1)
        self.env.flush_all()
        # JIT compiles for seconds on a statement that runs in less (as the ATS engine)
        self.env.cr.execute(SQL(
            """
            SET LOCAL jit = off;
            DELETE FROM omni_stock_supplier_scorecard
             WHERE company_id = %(company)s AND month >= %(date_from)s
               AND month < %(date_to)s
               AND (%(all_partners)s OR partner_id = ANY(%(partners)s));
            INSERT INTO omni_stock_supplier_scorecard
                   (month, partner_id, categ_id, warehouse_id, company_id, line_count,
                    lines_filled, lines_otif, qty_ordered, qty_filled, qty_received,
                    qty_returned, unit_fill_rate, line_fill_rate, otif_rate,
                    lead_time_count, lead_time_sum, lead_time_sumsq, lead_time_mean,
                    lead_time_p90, lead_time_within_rate, defect_rate, price_variance,
                    computed_at, create_uid, create_date, write_uid, write_date)
            SELECT l.month, l.partner_id, l.categ_id, l.warehouse_id, l.company_id,
                   COUNT(*), COUNT(*) FILTER (WHERE l.in_full),
                   COUNT(*) FILTER (WHERE l.otif), SUM(l.ordered),
                   SUM(LEAST(l.received, l.ordered)), SUM(l.received), SUM(l.returned),
                   CASE WHEN SUM(l.ordered) > 0 THEN LEAST(1.0,
                        SUM(LEAST(l.received, l.ordered)) / SUM(l.ordered)) END,
                   COUNT(*) FILTER (WHERE l.in_full)::float / COUNT(*),
                   COUNT(*) FILTER (WHERE l.otif)::float / COUNT(*),
                   COUNT(l.lead), SUM(l.lead), SUM(l.lead * l.lead), AVG(l.lead),
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY l.lead),
                   COUNT(*) FILTER (WHERE l.lead_within)::float / NULLIF(COUNT(l.lead), 0),
                   CASE WHEN SUM(l.received) > 0 THEN LEAST(1.0,
                        SUM(l.returned) / SUM(l.received)) END,
                   SUM((l.price_unit - l.list_price) * l.ordered)
                       / NULLIF(SUM(l.list_price * l.ordered), 0),
                   now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC',
                   %(uid)s, now() AT TIME ZONE 'UTC'
              FROM (%(lines)s) l
             GROUP BY l.month, l.partner_id, l.categ_id, l.warehouse_id, l.company_id
            """,
            company=company.id, date_from=date_from, date_to=date_to, uid=self.env.uid,
            all_partners=partner_ids is None, partners=list(partner_ids or []),
            lines=self._line_figures_sql(company.ids, date_from, date_to, partner_ids),
        ))
        self.invalidate_model()
        return True

    @api.model
    def action_compute(self):
        """Recompute the scorecards of the company (inventory managers)."""
        if not self.env.user.has_group(MANAGER):
            raise AccessError(self.env._("Only inventory managers can recompute the "
                                         "supplier scorecards."))
        # earned: the manager's right is checked above; snapshots have no write right
        self.sudo()._compute_snapshots(self.env.company)
        return {"type": "ir.actions.client", "tag": "reload"}

    @api.model
    def _cron_compute(self):
        for company in self.env["res.company"].search([("active", "=", True)]):
            self._compute_snapshots(company)

    # ------------------------------------------------------------------
    # lead times for the recommendations
    # ------------------------------------------------------------------
    @api.model
    def _lead_time_stats(self, partner_ids, company, months=12, as_of=None):
        """{(vendor, warehouse or None): (mean, sd, lines)} pooled over the last
        ``months`` months; the key with None pools every warehouse."""
        if not partner_ids:
            return {}
        as_of = as_of or fields.Date.context_today(self)
        since = as_of.replace(day=1) - relativedelta(months=months)
        self.flush_model()
        self.env.cr.execute(SQL(
            """
            SELECT partner_id, warehouse_id, SUM(lead_time_count), SUM(lead_time_sum),
                   SUM(lead_time_sumsq)
              FROM omni_stock_supplier_scorecard
             WHERE company_id = %s AND partner_id = ANY(%s) AND month >= %s
               AND month <= %s AND lead_time_count > 0
             GROUP BY GROUPING SETS ((partner_id, warehouse_id), (partner_id))
            """, company.id, list(partner_ids), since, as_of))
        stats = {}
        for partner, warehouse, n, s, ss in self.env.cr.fetchall():
            mean, sd = rf.pooled_lead_time([(n, s, ss)])
            stats[(partner, warehouse)] = (mean, sd, n)
        return stats

    # ------------------------------------------------------------------
    # drill-down
    # ------------------------------------------------------------------
    def _line_ids(self):
        self.ensure_one()
        date_from = self.month
        date_to = self.month + relativedelta(months=1)
        self.env.cr.execute(SQL(
            "SELECT l.line_id FROM (%s) l WHERE l.partner_id = %s"
            " AND l.categ_id IS NOT DISTINCT FROM %s"
            " AND l.warehouse_id IS NOT DISTINCT FROM %s",
            self._line_figures_sql(self.company_id.ids, date_from, date_to),
            self.partner_id.id, self.categ_id.id or None, self.warehouse_id.id or None))
        return [row[0] for row in self.env.cr.fetchall()]

    def action_view_receipts(self):
        """The receipts (and returns) of the lines this score counts."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "res_model": "stock.move",
            "name": self.env._("Receipts of %s", self.display_name),
            "view_mode": "list,form",
            "domain": [("purchase_line_id", "in", self._line_ids()),
                       ("state", "=", "done")],
            "context": {"create": False},
        }

    def action_view_lines(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "res_model": "purchase.order.line",
            "name": self.env._("Lines of %s", self.display_name),
            "view_mode": "list,form",
            "domain": [("id", "in", self._line_ids())],
            "context": {"create": False},
        }
