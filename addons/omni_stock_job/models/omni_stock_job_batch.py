# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One batch of a long run: a queue job whose work and whose *done* mark are one
transaction, so a batch is either done with its results or not done at all."""

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import batch_running


class OmniStockJobBatch(models.Model):
    _name = "omni.stock.job.batch"
    _description = "Batch of a Long Run"
    _order = "run_model, run_id, sequence"
    _rec_name = "sequence"

    run_model = fields.Char(required=True, readonly=True, index=True)
    run_id = fields.Many2oneReference(
        model_field="run_model", required=True, readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    sequence = fields.Integer(required=True, readonly=True)
    keys = fields.Json(readonly=True, help="What the batch works on (e.g. series keys).")
    size = fields.Integer(readonly=True)
    state = fields.Selection(
        [("pending", "Pending"), ("done", "Done")],
        default="pending", required=True, readonly=True, index=True,
    )
    job_uuid = fields.Char("Job", readonly=True, copy=False)
    job_state = fields.Char(compute="_compute_job_state")
    enqueued = fields.Integer(
        "Times Enqueued", readonly=True, help="More than 1: the run was resumed.")
    done_date = fields.Datetime(readonly=True)
    result = fields.Json(readonly=True)

    _sql_constraints = [
        ("run_sequence_uniq", "unique(run_model, run_id, sequence)",
         "A run has one batch per sequence number."),
    ]

    @api.depends("job_uuid")
    def _compute_job_state(self):
        # earned: jobs are read with sudo: the batch (company rule) was readable
        jobs = {
            job.uuid: job.state
            for job in self.env["queue.job"].sudo().search(
                [("uuid", "in", [uuid for uuid in self.mapped("job_uuid") if uuid])])
        }
        for batch in self:
            batch.job_state = jobs.get(batch.job_uuid, False)

    def _identity_key(self):
        self.ensure_one()
        return f"omni_stock_job.batch:{self.id}"

    def _omni_job_run(self):
        """The queue job: lock the batch (another worker on it: skip), skip it when it
        is done already, else let its run do the work and mark it done in the same
        transaction."""
        self.ensure_one()
        self.env.cr.execute(SQL(
            "SELECT state FROM omni_stock_job_batch WHERE id = %s FOR UPDATE SKIP LOCKED",
            self.id))
        row = self.env.cr.fetchone()
        if row is None:
            return "taken by another worker"
        if row[0] == "done":
            return "done already"
        # earned: the batch runs as the system: the user's right was checked when the run
        # started (the run's _omni_job_check_start)
        batch = self.sudo()
        run = batch.env[batch.run_model].browse(batch.run_id)
        with batch_running():
            result = run._omni_run_batch(batch)
            batch.write({"state": "done", "done_date": fields.Datetime.now(),
                         "result": result or {}})
            run.invalidate_recordset(["batch_done_count", "progress", "batch_ids"])
            run._omni_batch_done()
        return f"batch {batch.sequence} of {batch.run_model},{batch.run_id} done"
