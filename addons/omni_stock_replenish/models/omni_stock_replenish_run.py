# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The nightly replenishment run: every product × warehouse with a forecast or a
reordering rule, in batches of queue jobs (``omni_stock_job``: several workers take
the batches, a crash resumes without redoing a batch, the starter sees the
progress); the balancing proposals once the last batch is done."""

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

MANAGER = "stock.group_stock_manager"


class OmniStockReplenishRun(models.Model):
    _name = "omni.stock.replenish.run"
    _inherit = ["omni.stock.job.run.mixin"]
    _description = "Replenishment Run"
    _order = "id desc"

    warehouse_ids = fields.Many2many(
        "stock.warehouse", string="Warehouses / Stores", readonly=True,
        help="Empty: every warehouse of the company.")
    recommendation_count = fields.Integer(readonly=True)
    proposal_count = fields.Integer("Balancing Proposals", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env._(
                    "Replenishment %s", fields.Datetime.to_string(fields.Datetime.now())[:16])
        return super().create(vals_list)

    def _omni_job_check_start(self):
        if not (self.env.su or self.env.user.has_group(MANAGER)):
            raise AccessError(self.env._("Only inventory managers can run replenishment."))
        self.check_access("read")
        if self.company_id not in self.env.companies and not self.env.su:
            raise AccessError(self.env._("This run belongs to another company."))

    def _omni_job_batch_size(self):
        # earned: a technical setting read by server code (no user data)
        return int(self.env["ir.config_parameter"].sudo().get_param(
            "omni_stock_replenish.batch_size", 2000))

    def _omni_job_batch_keys(self):
        """[product, warehouse] pairs: upcoming forecast weeks or a reordering rule."""
        self.ensure_one()
        self.env.flush_all()
        current_week = self.env["omni.stock.forecast.line"]._current_week()
        self.env.cr.execute(SQL(
            """
            SELECT DISTINCT product_id, warehouse_id FROM (
                SELECT l.product_id, l.warehouse_id FROM omni_stock_forecast_line l
                 WHERE l.company_id = %(company)s AND l.week_start >= %(week)s
                UNION
                SELECT o.product_id, o.warehouse_id FROM stock_warehouse_orderpoint o
                 WHERE o.company_id = %(company)s AND o.active
                   AND o.trigger = 'auto'
            ) k
             WHERE %(all)s OR k.warehouse_id = ANY(%(warehouses)s)
             ORDER BY product_id, warehouse_id
            """,
            company=self.company_id.id, week=current_week, all=not self.warehouse_ids,
            warehouses=self.warehouse_ids.ids,
        ))
        return [list(row) for row in self.env.cr.fetchall()]

    def _omni_run_batch(self, batch):
        self.ensure_one()
        Recommendation = self.env["omni.stock.replenish.recommendation"]
        count = Recommendation._compute_pairs(
            self.company_id, [tuple(key) for key in batch.keys], run=self)
        return {"recommendations": count}

    def _omni_run_finish(self):
        self.ensure_one()
        proposals = self.env["omni.stock.replenish.balance"]._propose(
            self.company_id, warehouses=self.warehouse_ids or None, run=self)
        self.env.cr.execute(SQL(
            "SELECT COUNT(*) FROM omni_stock_replenish_recommendation WHERE run_id = %s",
            self.id))
        # earned: the run's own figures, written by its last batch (start checked)
        self.sudo().write({"recommendation_count": self.env.cr.fetchone()[0],
                           "proposal_count": len(proposals)})

    @api.model
    def _cron_nightly(self):
        for company in self.env["res.company"].search([("active", "=", True)]):
            self.env["omni.stock.supplier.scorecard"]._compute_snapshots(company)
            self.create({"company_id": company.id}).action_start()

    def action_view_recommendations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "omni_stock_replenish.action_omni_stock_replenish_recommendation")
        action["domain"] = [("run_id", "=", self.id)]
        action["context"] = {}
        return action
