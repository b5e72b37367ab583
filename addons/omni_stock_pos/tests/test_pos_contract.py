from odoo.addons.omni_stock.tests.rpc import RpcError, RpcMixin
from odoo.tests import HttpCase, tagged

from .common import OmniPosCase


@tagged("post_install", "-at_install")
class TestPosContract(RpcMixin, HttpCase, OmniPosCase):
    """What the till sends the server, as the POS sends it (JSON-RPC, cashier's
    session): a list where an id is expected, a string, a bad number, a missing
    record give a clear UserError and change nothing."""

    def _refused(self, model, method, *args, **kwargs):
        with self.assertRaises(RpcError) as caught:
            self.rpc(self.cashier, model, method, *args, **kwargs)
        self.assertRegex(caught.exception.name, r"\.(UserError|OmniError)$",
                         caught.exception.message)
        self.assertNotIn("singleton", caught.exception.message)
        return caught.exception

    def holds(self):
        return self.env["omni.stock.hold"].search([("pos_config_id", "=", self.config.id)])

    def test_bad_ids_and_numbers_refused_clearly(self):
        session = self.open_new_session()
        twice = [self.config.id, self.config.id]
        pid = self.product.id
        self._refused("pos.config", "omni_stock_badges", twice, [pid])
        self._refused("pos.config", "omni_hold_for_customer", twice, pid, 1, "Ana")
        self._refused("pos.session", "omni_heartbeat", [session.id, session.id], 0)
        self._refused("product.product", "get_product_info_pos", [pid], 10.0, 1,
                      [self.config.id])
        self._refused("product.product", "get_product_info_pos", [pid], 10.0, 1, "1")
        self._refused("pos.config", "omni_hold_for_customer", [999999], pid, 1, "Ana")
        for product_id in ([pid], str(pid), None, 999999, -1):
            self._refused("pos.config", "omni_hold_for_customer", [self.config.id],
                          product_id, 1, "Ana")
        for quantity in (float("nan"), float("inf"), -1, 0, "2", [1], True, 10**400):
            self._refused("pos.config", "omni_hold_for_customer", [self.config.id], pid,
                          quantity, "Ana")
        for hours in (float("nan"), float("inf"), "24", [24], 10**400):
            self._refused("pos.config", "omni_hold_for_customer", [self.config.id], pid, 1,
                          "Ana", hours=hours)
        self._refused("pos.config", "omni_hold_for_customer", [self.config.id], pid, 1, "",
                      partner_id=[1])
        self.assertFalse(self.holds())
        self.assertFalse(session.omni_last_seen)
        # the same calls, well formed, work for the cashier
        result = self.rpc(self.cashier, "pos.config", "omni_hold_for_customer",
                          [self.config.id], pid, 2, "Ana")
        self.assertEqual(result["ats"], 8)
        self.assertEqual(len(self.holds()), 1)
