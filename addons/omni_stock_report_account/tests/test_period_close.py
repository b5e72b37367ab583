from datetime import timedelta

from odoo import fields
from odoo.addons.omni_stock.tests.rpc import RpcMixin
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from .common import CLOSE_MANAGER, FINANCE

APPROVER = "omni_stock_adjustment.group_adjustment_approver"


@tagged("post_install", "-at_install")
class TestPeriodClose(TransactionCase):
    """The lock date waits for a clear checklist, or a manager's logged override."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env["res.company"].create({"name": "Close Co"})
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1)
        cls.stock = cls.warehouse.lot_stock_id
        common = {"company_id": cls.company.id, "company_ids": [(6, 0, cls.company.ids)]}
        cls.clerk = new_test_user(cls.env, "close_clerk", groups="stock.group_stock_user",
                                  **common)
        cls.approver = new_test_user(cls.env, "close_approver", groups=APPROVER, **common)
        cls.finance = new_test_user(cls.env, "close_finance", groups=FINANCE, **common)
        cls.inventory_manager = new_test_user(
            cls.env, "close_inventory", groups=f"stock.group_stock_manager,{FINANCE}", **common)
        cls.closer = new_test_user(
            cls.env, "close_manager", groups=f"stock.group_stock_manager,{CLOSE_MANAGER}",
            **common)
        cls.product = cls.env["product.product"].create(
            {"name": "Close Tee", "is_storable": True, "standard_price": 4.0})
        cls.reason = cls.env["omni.stock.adjustment.reason"].create(
            {"name": "Close recount", "code": "CLOSE-RECOUNT"})
        cls.env["stock.quant"]._update_available_quantity(cls.product, cls.stock, 20)
        cls.company.write({"omni_adj_threshold_qty": 5, "omni_close_gate": True})
        cls.today = fields.Date.context_today(cls.company)
        cls.date_to = cls.today
        cls.Close = cls.env["omni.stock.period.close"]

    def _pending_request(self):
        quant = self.env["stock.quant"].search([("product_id", "=", self.product.id)])
        quant = quant.with_user(self.clerk).with_context(inventory_mode=True)
        quant.write({"inventory_quantity": 10, "omni_reason_id": self.reason.id})
        quant.action_apply_inventory()
        return self.env["omni.stock.adjustment.request"].search(
            [("product_id", "=", self.product.id)])

    def _reconcile(self, date_to):
        reconciliation = self.env["omni.stock.reconciliation"].with_user(self.finance).create(
            {"company_id": self.company.id, "date_from": date_to - timedelta(days=30),
             "date_to": date_to})
        reconciliation.action_compute()
        return reconciliation

    def _close(self, date_to):
        return self.Close.with_user(self.finance).create(
            {"company_id": self.company.id, "date_from": date_to - timedelta(days=30),
             "date_to": date_to})

    def _lock(self, date, user=None, reason=None):
        self.company.with_user(user or self.inventory_manager).omni_set_stock_lock_date(
            date, reason=reason)

    def test_refused_while_open_then_allowed(self):
        request = self._pending_request()
        with self.assertRaisesRegex(UserError, "wait for approval") as error:
            self._lock(self.date_to)
        self.assertIn("no reconciliation", str(error.exception))
        # the settings page and a direct write go the same way
        with self.assertRaisesRegex(UserError, "checklist is not clear"):
            self.env["res.config.settings"].with_company(self.company).create(
                {"omni_stock_lock_date": self.date_to}).execute()
        self.assertFalse(self.company.omni_stock_lock_date)
        close = self._close(self.date_to)
        close.action_check()
        self.assertFalse(close.is_clear)
        open_items = close.check_ids.filtered(lambda c: c.state == "open").mapped("code")
        self.assertEqual(sorted(open_items), ["pending_adjustments", "reconciliation"])
        self.assertEqual(close.check_ids.filtered(
            lambda c: c.code == "pending_adjustments").action_open()["res_model"],
            "omni.stock.adjustment.request")
        with self.assertRaisesRegex(UserError, "not clear"):
            close.with_user(self.inventory_manager).action_close()
        # clear the items: approve the request, reconcile and review
        request.with_user(self.approver).action_approve()
        reconciliation = self._reconcile(self.date_to)
        for line in reconciliation.line_ids:
            line.with_user(self.finance).review_note = "seen"
        close.action_check()
        self.assertTrue(close.is_clear)
        with self.assertRaises(AccessError):
            close.with_user(self.finance).action_close()  # the lock date is inventory's
        close.with_user(self.inventory_manager).action_close()
        self.assertEqual(close.state, "closed")
        self.assertEqual(self.company.omni_stock_lock_date, self.date_to)
        self.assertEqual(close.reconciliation_id, reconciliation)
        log = self.env["omni.stock.adjustment.log"].search(
            [("company_id", "=", self.company.id), ("event", "=", "period_close")])
        self.assertEqual(len(log), 1, "the lock date set by a close is logged as the close")
        self.assertIn(close.name, log.note)

    def test_logged_override(self):
        self._pending_request()
        close = self._close(self.date_to)
        with self.assertRaises(AccessError):
            close.with_user(self.inventory_manager).action_override("month end")
        with self.assertRaises(UserError):
            close.with_user(self.closer).action_override(" ")
        self.assertFalse(self.company.omni_stock_lock_date)
        wizard = self.env["omni.stock.period.close.override"].with_user(self.closer).create(
            {"close_id": close.id, "note": "Approval after the close, agreed with audit"})
        wizard.action_confirm()
        self.assertEqual(self.company.omni_stock_lock_date, self.date_to)
        self.assertEqual((close.state, close.override_by), ("closed", self.closer))
        log = self.env["omni.stock.adjustment.log"].search(
            [("company_id", "=", self.company.id), ("event", "=", "close_override")])
        self.assertEqual(len(log), 1)
        self.assertIn("agreed with audit", log.note)
        self.assertIn("wait for approval", log.note)
        self.assertEqual(log.requester_id, self.closer)

    def test_gate_settings_and_reopening(self):
        # gate off: the lock date moves as before
        with self.assertRaises(AccessError):
            self.company.with_user(self.inventory_manager).omni_set_close_gate(False)
        self.company.with_user(self.closer).omni_set_close_gate(False)
        self.assertFalse(self.company.omni_close_gate)
        self._pending_request()
        self._lock(self.date_to)
        self.assertEqual(self.company.omni_stock_lock_date, self.date_to)
        self.company.with_user(self.closer).omni_set_close_gate(True)
        # moving it back (reopening) needs no checklist, but finance and a reason; it
        # reopens closed periods
        earlier = self.date_to - timedelta(days=3)
        close = self._close(earlier)
        close.with_user(self.closer).action_override("year-end audit sample")
        with self.assertRaisesRegex(UserError, "reason"):
            self._lock(earlier - timedelta(days=1))
        self._lock(earlier - timedelta(days=1), reason="stock count redone")
        self.assertEqual(close.state, "reopened")
        self.assertIn("stock count redone", close.message_ids[0].body)
        # and forward again is gated
        with self.assertRaisesRegex(UserError, "checklist is not clear"):
            self._lock(self.date_to)

    def test_other_company_sees_nothing(self):
        close = self._close(self.date_to)
        close.action_check()
        outsider = new_test_user(self.env, "close_outsider", groups=FINANCE)
        self.assertNotIn(self.company, outsider.company_ids)
        self.assertNotIn(close, self.Close.with_user(outsider).search([]))
        with self.assertRaises(AccessError):
            close.with_user(outsider).read(["name"])
        self.assertFalse(self.env["omni.stock.period.close.check"].with_user(outsider).search(
            [("close_id", "=", close.id)]))
        with self.assertRaises(AccessError):
            close.with_user(outsider).action_check()


@tagged("post_install", "-at_install")
class TestPeriodCloseOverrideWithoutEmail(RpcMixin, HttpCase):
    """A period close manager without an e-mail address (nor one for the company)
    closes a period with an override from the web client: it is closed, logged and
    posted in the chatter under their name."""

    def test_override_over_rpc(self):
        company = self.env["res.company"].create({"name": "No Mail Close Co"})
        closer = self.rpc_user("close_no_mail", ["stock.group_stock_manager", CLOSE_MANAGER],
                               company=company, email=False)
        today = fields.Date.context_today(company)
        close_id = self.rpc(closer, "omni.stock.period.close", "create", {
            "company_id": company.id, "date_from": str(today.replace(day=1)),
            "date_to": str(today)})
        wizard_id = self.rpc(closer, "omni.stock.period.close.override", "create", {
            "close_id": close_id, "note": "Reconciliation signed off on paper"})
        self.rpc(closer, "omni.stock.period.close.override", "action_confirm", [wizard_id])
        close = self.env["omni.stock.period.close"].browse(close_id)
        self.assertEqual((close.state, close.override_by), ("closed", closer))
        self.assertEqual(company.omni_stock_lock_date, today)
        log = self.env["omni.stock.adjustment.log"].search(
            [("company_id", "=", company.id), ("event", "=", "close_override")])
        self.assertIn("signed off on paper", log.note)
        posted = close.message_ids.filtered(lambda m: "override" in (m.body or ""))
        self.assertEqual(posted.author_id, closer.partner_id)
