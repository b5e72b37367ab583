import threading
import time
from unittest.mock import patch

from odoo import SUPERUSER_ID, Command, api
from odoo.addons.account.tests.common import AccountTestInvoicingHttpCommon
from odoo.addons.point_of_sale.tests.common import archive_products
from odoo.tests import new_test_user, tagged
from odoo.tests.common import ChromeBrowser


@tagged("post_install", "-at_install")
class TestOmniStockPosTour(AccountTestInvoicingHttpCommon):
    """A store's till in a company of its own (Odoo's POS test base deletes every POS,
    which a database with the demo's open sessions refuses)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        env.user.groups_id += env.ref("omni_stock.group_omni_manager")
        env.user.groups_id += env.ref("point_of_sale.group_pos_manager")
        company = cls.company_data["company"]
        company.account_default_pos_receivable_account_id = env["account.account"].create({
            "code": "X1012.OMNI", "name": "POS receivable", "reconcile": True,
            "account_type": "asset_receivable"})
        archive_products(env)
        cls.pos_user = new_test_user(
            env, login="omni_pos_cashier", groups="base.group_user,point_of_sale.group_pos_user",
            company_id=company.id, company_ids=[Command.set(company.ids)])
        bank = env["pos.payment.method"].create({
            "name": "Bank", "journal_id": cls.company_data["default_journal_bank"].id,
            "outstanding_account_id":
                cls.inbound_payment_method_line.payment_account_id.id})
        cls.main_pos_config = env["pos.config"].create({
            "name": "Omni Shop", "payment_method_ids": [Command.set(bank.ids)]})
        cls.store = cls.main_pos_config.picking_type_id.warehouse_id
        cls.central = env["stock.warehouse"].create(
            {"name": "Central", "code": "CEN", "company_id": company.id})
        Channel = env["omni.channel"]
        cls.store_channel = Channel.create({
            "name": "Shop", "code": "shop", "channel_type": "store",
            "warehouse_ids": [Command.set(cls.store.ids)]})
        Channel.create({
            "name": "Central", "code": "central", "channel_type": "b2b",
            "warehouse_ids": [Command.set(cls.central.ids)]})
        cls.main_pos_config.omni_channel_id = cls.store_channel
        Product = env["product.product"]
        cls.lamp, cls.vase = (Product.create({
            "name": name, "is_storable": True, "available_in_pos": True, "list_price": 10,
            "taxes_id": [Command.clear()]}) for name in ("Omni Lamp", "Omni Vase"))
        Product.create({"name": "Gift Wrap", "type": "service", "available_in_pos": True,
                        "list_price": 2, "taxes_id": [Command.clear()]})
        Quant = env["stock.quant"]
        Quant._update_available_quantity(cls.lamp, cls.store.lot_stock_id, 1)
        Quant._update_available_quantity(cls.vase, cls.store.lot_stock_id, 2)
        Quant._update_available_quantity(cls.lamp, cls.central.lot_stock_id, 4)

    def _receive_vases_after_the_sale(self, browsing, done, errors):
        """The back office, while the POS is open: 5 vases arrive once the POS sold.

        The test cursor is shared: this thread's cursors take its lock, the test's own
        thread does not, so this thread reads nothing before the browser is loading the
        page (the test thread flushes while it logs in) and stops when the test ends."""
        try:
            deadline = time.monotonic() + 90
            browsing.wait(deadline - time.monotonic())
            while not done.wait(0.5) and time.monotonic() < deadline:
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    if not env["pos.order"].search_count(
                            [("config_id", "=", self.main_pos_config.id)]):
                        continue
                    Notify = env["omni.pos.stock.notify"]
                    Notify._cron_notify()
                    env["stock.quant"]._update_available_quantity(
                        self.vase, self.store.lot_stock_id, 5)
                    # what the job does right after the commit
                    sent = Notify._notify_changes(Notify._read_changes()[0])
                    if list(sent.values()) != [{self.vase.id: 7.0}]:
                        errors.append(f"expected one message with the vase at 7: {sent}")
                    return
            errors.append("the POS never sold")
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(repr(error))

    def test_cashier_sees_store_stock_live(self):
        self.assertFalse(self.pos_user.has_group("omni_stock.group_omni_user"))
        self.main_pos_config.with_user(self.pos_user).open_ui()
        errors = []
        browsing, done = threading.Event(), threading.Event()
        navigate_to = ChromeBrowser.navigate_to

        def navigate_then_signal(browser, *args, **kwargs):
            browsing.set()
            return navigate_to(browser, *args, **kwargs)

        backend = threading.Thread(target=self._receive_vases_after_the_sale,
                                   args=(browsing, done, errors), daemon=True)
        backend.start()
        try:
            with patch.object(ChromeBrowser, "navigate_to", navigate_then_signal):
                self.start_tour(f"/pos/ui?config_id={self.main_pos_config.id}",
                                "OmniStockPosTour", login=self.pos_user.login)
        finally:
            done.set()
            browsing.set()
            backend.join()
        self.assertFalse(errors)
        session = self.main_pos_config.current_session_id
        self.assertTrue(session.omni_last_seen, "the POS sent its heartbeat")
        figures = self.env["omni.ats"].compute(self.lamp, channel=self.store_channel)
        self.assertEqual(figures[self.lamp.id]["ats"], 0)
