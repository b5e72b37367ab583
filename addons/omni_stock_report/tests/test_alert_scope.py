from odoo.addons.omni_stock.tests.rpc import RpcMixin
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestAlertScanScope(RpcMixin, HttpCase):
    """An inventory manager runs the alert scan for the companies they work in: it
    raises (and resolves) no alert of another company, whose own managers and cron
    decide about them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Alert Scope B"})
        stock_b = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company_b.id)], limit=1).lot_stock_id
        cls.product = cls.env["product.product"].create({
            "name": "Alert Scope Tee", "type": "consu", "is_storable": True})
        cls.env["stock.quant"].with_company(cls.company_b)._update_available_quantity(
            cls.product, stock_b, -3)
        cls.manager = cls.rpc_user("alert_scope_manager", ["stock.group_stock_manager"])

    def alerts_b(self):
        return self.env["omni.stock.alert"].search([
            ("company_id", "=", self.company_b.id), ("product_id", "=", self.product.id)])

    def test_a_manager_scans_only_their_companies(self):
        self.rpc(self.manager, "omni.stock.alert", "scan", ["negative_stock"])
        self.assertFalse(self.alerts_b())
        # nor through the ORM, naming the other company
        with self.assertRaises(AccessError):
            self.env["omni.stock.alert"].with_user(self.manager).scan(
                ["negative_stock"], companies=self.company_b)
        self.assertFalse(self.alerts_b())
        # the scan of the system (the cron) raises company B's alert
        self.env["omni.stock.alert"].scan(["negative_stock"])
        self.assertEqual(len(self.alerts_b()), 1)
