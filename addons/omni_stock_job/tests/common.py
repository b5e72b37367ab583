"""Queue jobs trapped in tests, then done synchronously (queue_job's own
``trap_jobs`` needs a newer Odoo 18 than the suite's)."""

import contextlib
from unittest import mock

from odoo.addons.queue_job.job import Job


class JobTrap:
    """The jobs enqueued while trapped; one per identity key, as queue_job keeps."""

    def __init__(self):
        self.jobs = []

    def _add(self, *args, **kwargs):
        job = Job(*args, **kwargs)
        if not job.identity_key or all(j.identity_key != job.identity_key for j in self.jobs):
            job.store = lambda: None
            self.jobs.append(job)
        return job

    def perform(self):
        """Do the trapped jobs, in order, as a worker would (their own user), and the
        jobs they enqueue (``eta`` is not waited for)."""
        results = []
        while self.jobs:
            jobs, self.jobs = self.jobs, []
            results += [job.perform() for job in jobs]
        return results


@contextlib.contextmanager
def trap_jobs():
    trap = JobTrap()
    with mock.patch("odoo.addons.queue_job.delay.Job", side_effect=trap._add):
        yield trap
