from odoo import Command, fields
from odoo.tests import tagged

from .common import AdjustmentCase


@tagged("post_install", "-at_install")
class TestLogInsert(AdjustmentCase):
    """The audit log is written in one statement: entries read back as the ORM would
    have stored them, and the request's entries are seen at once."""

    def _vals(self, **extra):
        return {
            "event": "applied",
            **self.Log._omni_target_vals(self.quant()),
            "quantity_before": 20,
            "quantity_after": 21.123456,
            "quantity_delta": 1.123456,
            "value": 11.23456,
            "reason_id": self.reason.id,
            "reason_category": self.reason.category,
            "note": "it's 100% counted",
            "source": "count",
            "counter_ids": [Command.set((self.user | self.manager).ids)],
            "requester_id": self.user.id,
            "requested_at": fields.Datetime.now(),
            **extra,
        }

    def test_entries_read_as_created(self):
        names = [name for name in self.Log._fields
                 if name not in ("id", "date", "create_date", "write_date", "display_name",
                                 "requested_at")]
        # a client's default_* keys never reach an audit entry
        Log = self.Log.with_context(default_note="from the client", default_approver_id=1)
        logged = Log._omni_log([self._vals(), self._vals(note=False, event="rejected")])
        created = self.Log.sudo().create(
            [self._vals(), self._vals(note=False, event="rejected")])
        self.env.invalidate_all()
        for new, orm in zip(logged.sudo().read(names), created.read(names), strict=True):
            self.assertEqual({**new, "id": 0}, {**orm, "id": 0})
        self.assertEqual(logged[0].sudo().counter_ids, self.user | self.manager)
        self.assertEqual(logged[0].sudo().quantity_after, 21.12, "the field's precision")
        self.assertFalse(logged[1].sudo().note)
        self.assertFalse(logged.sudo().approver_id)
        self.assertTrue(all(logged.sudo().mapped("date")), "the field's default")

    def test_request_sees_its_entries(self):
        self.count(50, self.reason)
        request = self.requests()
        before = request.log_ids
        self.assertEqual(len(before), 1)
        logged = self.Log._omni_log([self._vals(event="rejected", request_id=request.id)])
        self.assertEqual(request.log_ids, before | logged)

    def test_wrong_value_writes_nothing(self):
        count = self.Log.search_count([])
        with self.assertRaises(ValueError), self.cr.savepoint():
            self.Log._omni_log([self._vals(), self._vals(event="no such event")])
        self.assertEqual(self.Log.search_count([]), count)
