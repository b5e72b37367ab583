from odoo.addons.omni_stock.tests.rpc import RpcError, RpcMixin
from odoo.tests import HttpCase, tagged

from .common import FinanceCase

EXPORT = "base.group_allow_export"


@tagged("post_install", "-at_install")
class TestOdooValuationForFinanceOnly(RpcMixin, HttpCase, FinanceCase):
    """Odoo's own valuation fields: an Inventory Manager reads them as in Odoo until
    finance turns *Stock Values for Finance Only* on for the company; a plain
    inventory user never reads a product's value; finance always does."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.receive(cls, 4, 10.0)
        cls.quant = cls.env["stock.quant"].search(
            [("product_id", "=", cls.tee.id), ("location_id", "=", cls.stock.id)])
        for user in (cls.clerk, cls.finance):  # their login as password (RpcMixin)
            user.write({"password": user.login, "groups_id": [(4, cls.env.ref(EXPORT).id)]})
        cls.inv_manager = cls.rpc_user("val_manager", ["stock.group_stock_manager", EXPORT])

    def _refused(self, user, model, method, *args, **kwargs):
        with self.assertRaises(RpcError) as caught:
            self.rpc(user, model, method, *args, **kwargs)
        return caught.exception

    def layers(self, user):
        return self.rpc(user, "stock.valuation.layer", "search_read",
                        [("product_id", "=", self.tee.id)], ["value"])

    def test_setting_moves_odoo_values_to_finance(self):
        # Odoo's behaviour: the inventory manager reads the quant's value and the layers
        self.assertEqual(self.rpc(self.inv_manager, "stock.quant", "read", self.quant.ids,
                                  ["value"])[0]["value"], 40.0)
        self.assertEqual([layer["value"] for layer in self.layers(self.inv_manager)], [40.0])
        # a plain inventory user reads no product value (nor do new users: the template
        # of new users never holds the technical group)
        group = self.env.ref("omni_stock_report_account.group_odoo_valuation")
        self.assertNotIn(group, self.env.ref("base.default_user").groups_id)
        self.assertNotIn(group, self.clerk.groups_id)
        self._refused(self.clerk, "product.product", "read", self.tee.ids, ["value_svl"])
        self._refused(self.clerk, "product.product", "read", self.tee.ids, ["avg_cost"])
        # only finance decides
        self._refused(self.inv_manager, "res.company", "omni_set_values_finance_only",
                      self.company.ids, True)
        self.rpc(self.finance, "res.company", "omni_set_values_finance_only",
                 self.company.ids, True)
        self.assertTrue(self.company.omni_stock_values_finance_only)
        for call in (self.rpc, self.xmlrpc):
            with self.subTest(call=call.__name__):
                for model, record, name in (("stock.quant", self.quant, "value"),
                                            ("product.product", self.tee, "value_svl"),
                                            ("product.product", self.tee, "total_value")):
                    with self.assertRaises(RpcError):
                        call(self.inv_manager, model, "read", record.ids, [name])
                with self.assertRaises(RpcError):
                    call(self.inv_manager, "stock.quant", "read_group",
                         [("id", "in", self.quant.ids)], ["value:sum"], [])
                with self.assertRaises(RpcError):
                    call(self.inv_manager, "stock.quant", "export_data", self.quant.ids,
                         ["value"])
                self.assertEqual(call(self.inv_manager, "stock.valuation.layer", "search",
                                      [("product_id", "=", self.tee.id)]), [])
        self.assertNotIn("value", self.rpc(self.inv_manager, "stock.quant", "fields_get", [],
                                           ["string"]))
        # finance reads them all
        self.assertEqual(self.rpc(self.finance, "stock.quant", "read", self.quant.ids,
                                  ["value"])[0]["value"], 40.0)
        self.assertEqual([layer["value"] for layer in self.layers(self.finance)], [40.0])
        # and off again: the manager is back to Odoo's behaviour
        self.rpc(self.finance, "res.company", "omni_set_values_finance_only",
                 self.company.ids, False)
        self.assertEqual([layer["value"] for layer in self.layers(self.inv_manager)], [40.0])
