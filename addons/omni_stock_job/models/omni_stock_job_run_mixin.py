# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A long run split into batches that several Odoo workers or servers take in
parallel (OCA ``queue_job``), resumed after a crash without doing a batch twice, and
whose progress its starter sees.

A concrete run model inherits ``omni.stock.job.run.mixin`` and implements:

- ``_omni_job_batch_keys()``: what to work on, as a list of JSON-able keys;
- ``_omni_run_batch(batch)``: the work of one batch (``batch.keys``), in the batch's
  transaction; returns a small JSON-able summary;
- optionally ``_omni_job_check_start()`` (who may start it), ``_omni_job_batch_size()``,
  ``_omni_run_finish()`` (once, after the last batch) and ``_omni_job_channel``.

It declares its own access rights and company record rule, like any model.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

STATES = [
    ("draft", "Draft"),
    ("running", "Running"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
]


class OmniStockJobRunMixin(models.AbstractModel):
    _name = "omni.stock.job.run.mixin"
    _description = "Long Run in Batches"
    _omni_job_channel = "root.omni_stock"

    name = fields.Char(required=True, default="/", readonly=True)
    state = fields.Selection(STATES, default="draft", required=True, readonly=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True,
        default=lambda self: self.env.company)
    user_id = fields.Many2one(
        "res.users", "Started By", readonly=True, default=lambda self: self.env.user)
    date_start = fields.Datetime("Started On", readonly=True)
    date_end = fields.Datetime("Finished On", readonly=True)
    batch_count = fields.Integer("Batches", readonly=True)
    # read from the batches: a batch never writes its run's row (workers would queue
    # on it and, in REPEATABLE READ, fail each other's transactions)
    batch_done_count = fields.Integer("Batches Done", compute="_compute_progress")
    progress = fields.Float(compute="_compute_progress", digits=(16, 1))
    batch_ids = fields.Many2many("omni.stock.job.batch", compute="_compute_batch_ids")

    @api.depends("batch_count", "state")
    def _compute_progress(self):
        done = {}
        if self.ids:
            self.env["omni.stock.job.batch"].flush_model(["run_model", "run_id", "state"])
            self.env.cr.execute(SQL(
                """
                SELECT run_id, COUNT(*) FROM omni_stock_job_batch
                 WHERE run_model = %s AND run_id = ANY(%s) AND state = 'done' GROUP BY 1
                """, self._name, self.ids))
            done = dict(self.env.cr.fetchall())
        for run in self:
            run.batch_done_count = done.get(run.id, 0)
            if run.state == "done":
                run.progress = 100.0
            else:
                run.progress = 100.0 * run.batch_done_count / run.batch_count if (
                    run.batch_count) else 0.0

    @api.depends("batch_count", "state")
    def _compute_batch_ids(self):
        Batch = self.env["omni.stock.job.batch"]
        for run in self:
            run.batch_ids = Batch.search(
                [("run_model", "=", run._name), ("run_id", "=", run.id)]) if run.id else Batch

    def _omni_batches(self, states=None):
        self.ensure_one()
        domain = [("run_model", "=", self._name), ("run_id", "=", self.id)]
        if states:
            domain.append(("state", "in", list(states)))
        # earned: the batches of a run the caller reads (self); batches are system records
        return self.env["omni.stock.job.batch"].sudo().search(domain)

    # ------------------------------------------------------------------
    # hooks
    # ------------------------------------------------------------------
    def _omni_job_check_start(self):
        """Raise AccessError when the current user may not start (or resume) this run."""
        self.check_access("write")

    def _omni_job_batch_size(self):
        return 500

    def _omni_job_batch_keys(self):
        raise NotImplementedError

    def _omni_run_batch(self, batch):
        raise NotImplementedError

    def _omni_run_finish(self):
        """Called once, in the transaction of the last batch."""

    def _prepare_batch_vals(self, sequence, keys):
        self.ensure_one()
        return {
            "run_model": self._name, "run_id": self.id, "company_id": self.company_id.id,
            "sequence": sequence, "keys": keys, "size": len(keys),
        }

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def action_start(self):
        for run in self:
            run._omni_job_check_start()
            if run.state != "draft":
                raise UserError(self.env._("Run %s has started already.", run.name))
        for run in self:
            keys = run._omni_job_batch_keys()
            size = max(1, run._omni_job_batch_size())
            # earned: batches are system records: the starter's right was checked above
            batches = self.env["omni.stock.job.batch"].sudo().create([
                run._prepare_batch_vals(seq, keys[start:start + size])
                for seq, start in enumerate(range(0, len(keys), size), start=1)
            ])
            # earned: run._omni_job_check_start() above
            run.sudo().write({
                "state": "running", "date_start": fields.Datetime.now(),
                "user_id": self.env.uid, "batch_count": len(batches),
            })
            if batches:
                run._omni_job_enqueue(batches)
            else:
                run._omni_job_close()
        return True

    def action_resume(self):
        """Enqueue again every batch not done (after a crash or a failed job); a batch
        done meanwhile is skipped by its job, and queue_job's identity key keeps one
        waiting job per batch."""
        for run in self:
            run._omni_job_check_start()
            if run.state != "running":
                raise UserError(self.env._("Only a running run can be resumed."))
            pending = run._omni_batches(states=["pending"])
            if pending:
                run._omni_job_enqueue(pending)
            else:
                run._omni_job_close_if_done()
        return True

    def action_cancel(self):
        for run in self:
            run._omni_job_check_start()
            if run.state not in ("draft", "running"):
                raise UserError(self.env._("Only a draft or running run can be cancelled."))
        # earned: run._omni_job_check_start() above, for each run
        self.sudo().write({"state": "cancel", "date_end": fields.Datetime.now()})
        return True

    def _omni_job_enqueue(self, batches):
        self.ensure_one()
        if not self.env.su:
            # queue_job runs jobs at once with this context key: only server code
            # (superuser) may keep a run in the caller's request
            batches = batches.with_context(queue_job__no_delay=False)
        for batch in batches:
            job = batch.with_delay(
                channel=self._omni_job_channel,
                identity_key=batch._identity_key(),
                description=self.env._("%(run)s: batch %(seq)s of %(count)s",
                                       run=self.name, seq=batch.sequence,
                                       count=self.batch_count),
            )._omni_job_run()
            batch.write({"job_uuid": getattr(job, "uuid", False) or batch.job_uuid,
                         "enqueued": batch.enqueued + 1})

    def _omni_batch_done(self):
        """After a batch (in its transaction): a job that closes the run when no batch
        is left, a little later and in a transaction of its own, so that it sees the
        batches other workers finished meanwhile (one waiting job per run)."""
        self.ensure_one()
        self.with_delay(
            channel=self._omni_job_channel, eta=30,
            identity_key=f"omni_stock_job.close:{self._name}:{self.id}",
            description=self.env._("%s: close when done", self.name),
        )._omni_job_close_if_done()

    def _omni_job_close_if_done(self):
        """Close the run when every batch is done (under a lock of its row: the only
        writer of the row while it runs)."""
        self.ensure_one()
        self.env.flush_all()
        self.env.cr.execute(SQL(
            "SELECT state FROM %s WHERE id = %s FOR NO KEY UPDATE",
            SQL.identifier(self._table), self.id))
        if self.env.cr.fetchone()[0] != "running":
            return "not running"
        if self._omni_batches(states=["pending"]):
            return "batches left"
        self._omni_job_close()
        return "closed"

    def _omni_job_close(self):
        self._omni_run_finish()
        # earned: called by action_start (checked) or by the system's close job
        self.sudo().write({"state": "done", "date_end": fields.Datetime.now()})
        self._omni_job_notify()

    def _omni_job_notify(self):
        """Tell the user who started the run that it is done."""
        if self.user_id.partner_id:
            self.env["bus.bus"]._sendone(self.user_id.partner_id, "simple_notification", {
                "type": "success",
                "title": self.env._("Run finished"),
                "message": self.env._("%s is done.", self.name),
            })
