from datetime import timedelta

from odoo import Command, fields
from odoo.addons.omni_stock.tests.rpc import RpcError, RpcMixin
from odoo.tests import HttpCase, tagged

FINANCE = "omni_stock_adjustment.group_stock_values"


@tagged("post_install", "-at_install")
class TestCloseBelongsToFinance(RpcMixin, HttpCase):
    """Last month is closed. Reopening it (clearing the stock lock date or moving it
    back) is a finance decision with a reason, logged; an Inventory Manager, or an
    administrator without the finance right, is refused on every path, and the
    closed period stays closed for the clerks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Closing Retail"})
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1)
        today = fields.Date.context_today(cls.company)
        cls.date_to = today.replace(day=1) - timedelta(days=1)  # end of last month
        cls.date_from = cls.date_to.replace(day=1)
        rights = {"company": cls.company}
        cls.manager = cls.rpc_user("close_rpc_manager", ["stock.group_stock_manager"], **rights)
        cls.admin = cls.rpc_user(
            "close_rpc_admin", ["base.group_system", "stock.group_stock_manager"], **rights)
        cls.clerk = cls.rpc_user("close_rpc_clerk", ["stock.group_stock_user"], **rights)
        cls.finance = cls.rpc_user(
            "close_rpc_finance", ["stock.group_stock_user", FINANCE], **rights)
        cls.close = cls.env["omni.stock.period.close"].create({
            "company_id": cls.company.id, "date_from": cls.date_from, "date_to": cls.date_to})
        cls.close.action_override("closed for the test")  # the superuser closes last month
        cls.product = cls.env["product.product"].create(
            {"name": "Closing Tee", "is_storable": True, "standard_price": 5.0})
        picking_type = cls.warehouse.in_type_id
        cls.receipt = cls.env["stock.picking"].with_company(cls.company).create({
            "picking_type_id": picking_type.id,
            "location_id": cls.env.ref("stock.stock_location_suppliers").id,
            "location_dest_id": cls.warehouse.lot_stock_id.id,
            "move_ids": [Command.create({
                "name": "closing tee", "product_id": cls.product.id, "product_uom_qty": 4,
                "location_id": cls.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": cls.warehouse.lot_stock_id.id,
            })],
        })
        cls.receipt.action_confirm()
        cls.receipt.move_ids.write({"quantity": 4, "picked": True})

    def _logs(self):
        return self.env["omni.stock.adjustment.log"].search(
            [("company_id", "=", self.company.id), ("event", "=", "lock_date")])

    def _refused(self, call, user, model, method, *args, **kwargs):
        with self.assertRaises(RpcError) as caught:
            call(user, model, method, *args, **kwargs)
        return caught.exception

    def test_reopening_refused_without_the_finance_right(self):
        earlier = self.date_from - timedelta(days=1)
        for gate in (True, False):
            self.company.omni_close_gate = gate
            for call in (self.rpc, self.xmlrpc):
                with self.subTest(gate=gate, call=call.__name__):
                    for user in (self.manager, self.admin):
                        for date in (False, fields.Date.to_string(earlier)):
                            error = self._refused(call, user, "res.company",
                                                  "omni_set_stock_lock_date",
                                                  self.company.ids, date)
                            self.assertIn("only finance", error.message)
                    # an administrator's direct write and the settings page go the same way
                    self._refused(call, self.admin, "res.company", "write", self.company.ids,
                                  {"omni_stock_lock_date": False})
                    self._refused(call, self.admin, "res.company", "write", self.company.ids,
                                  {"omni_stock_lock_date": fields.Date.to_string(earlier)})
            # the settings page writes the company when its form is saved
            error = self._refused(self.rpc, self.admin, "res.config.settings", "create",
                                  {"omni_stock_lock_date": False},
                                  context={"allowed_company_ids": self.company.ids})
            self.assertIn("only finance", error.message)
        self.assertEqual(self.company.omni_stock_lock_date, self.date_to)
        self.assertEqual(self.close.state, "closed")
        self.assertFalse(self._logs().filtered(lambda log: log.requester_id != self.env.user))
        # the period stays closed: a receipt dated inside it is refused
        inside = fields.Date.to_string(self.date_to - timedelta(days=10))
        error = self._refused(self.rpc, self.clerk, "stock.picking", "button_validate",
                              self.receipt.ids, context={"force_period_date": inside})
        self.assertIn("locked", error.message)
        self.assertNotEqual(self.receipt.state, "done")

    def test_finance_reopens_with_a_reason_logged(self):
        earlier = fields.Date.to_string(self.date_from - timedelta(days=1))
        error = self._refused(self.rpc, self.finance, "res.company",
                              "omni_set_stock_lock_date", self.company.ids, earlier)
        self.assertIn("reason", error.message)
        error = self._refused(self.rpc, self.finance, "res.company",
                              "omni_set_stock_lock_date", self.company.ids, earlier,
                              reason="   ")
        self.assertIn("reason", error.message)
        self.assertEqual(self.company.omni_stock_lock_date, self.date_to)
        self.rpc(self.finance, "res.company", "omni_set_stock_lock_date", self.company.ids,
                 earlier, reason="Supplier invoice booked late, agreed with the auditor")
        self.assertEqual(fields.Date.to_string(self.company.omni_stock_lock_date), earlier)
        self.assertEqual(self.close.state, "reopened")
        log = self._logs().filtered(lambda entry: entry.requester_id == self.finance)
        self.assertEqual(len(log), 1)
        self.assertIn("agreed with the auditor", log.note)
        self.assertIn(str(self.date_to), log.note)
        self.assertIn("agreed with the auditor", " ".join(self.close.message_ids.mapped("body")))
        # finance reopened it: the clerk's receipt dated inside now goes through
        inside = fields.Date.to_string(self.date_to - timedelta(days=10))
        self.rpc(self.clerk, "stock.picking", "button_validate", self.receipt.ids,
                 context={"force_period_date": inside})
        self.assertEqual(self.receipt.state, "done")

    def test_finance_clears_the_lock_date_with_the_wizard(self):
        wizard = self.rpc(self.finance, "omni.stock.lock.date.change", "create",
                          {"company_id": self.company.id, "lock_date": False,
                           "reason": "Migration of the opening balance"})
        self.rpc(self.finance, "omni.stock.lock.date.change", "action_confirm", [wizard])
        self.assertFalse(self.company.omni_stock_lock_date)
        self.assertEqual(self.close.state, "reopened")
        # moving it forward again stays the inventory managers' (and the gate's)
        error = self._refused(self.rpc, self.finance, "res.company",
                              "omni_set_stock_lock_date", self.company.ids,
                              fields.Date.to_string(self.date_to))
        self.assertIn("Only inventory managers", error.message)
        self.rpc(self.manager, "res.company", "omni_set_stock_lock_date", self.company.ids,
                 fields.Date.to_string(self.date_from - timedelta(days=40)))

    def test_a_close_changes_state_through_its_actions_only(self):
        close = "omni.stock.period.close"
        for vals in ({"state": "open"}, {"state": "reopened"}, {"closed_at": False},
                     {"override_note": "nothing to see"}, {"date_to": str(self.date_from)}):
            with self.subTest(vals=vals):
                error = self._refused(self.rpc, self.finance, close, "write", self.close.ids,
                                      vals)
                self.assertIn("reopen", error.message.lower())
        self.assertEqual(self.close.state, "closed")
        earlier = self.date_from - timedelta(days=40)
        new = {"company_id": self.company.id, "date_from": str(earlier.replace(day=1)),
               "date_to": str(earlier)}
        self._refused(self.rpc, self.finance, close, "create", {**new, "state": "closed"})
        close_id = self.rpc(self.finance, close, "create", new,
                            context={"default_state": "closed",
                                     "default_closed_by": self.finance.id})
        created = self.env[close].browse(close_id)
        self.assertEqual((created.state, created.closed_by.id), ("open", False))
        self.assertEqual(self.company.omni_stock_lock_date, self.date_to)
