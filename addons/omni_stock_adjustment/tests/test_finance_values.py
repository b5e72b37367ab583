from odoo import Command
from odoo.addons.omni_stock.tests.rpc import RpcError, RpcMixin
from odoo.tests import HttpCase, tagged

FINANCE = "omni_stock_adjustment.group_stock_values"
EXPORT = "base.group_allow_export"


@tagged("post_install", "-at_install")
class TestFinanceValuesOverRpc(RpcMixin, HttpCase):
    """The value of an adjustment (|change| x cost) is finance's: a plain inventory
    user reads the audit log and the approval requests, never their values, whatever
    the route (read, search_read, read_group, export, a search or an order on it)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write({"omni_adj_threshold_qty": 10, "omni_adj_threshold_value": 0,
                           "omni_stock_lock_date": False})
        cls.stock = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1).lot_stock_id
        cls.product = cls.env["product.product"].create({
            "name": "Valued Tee", "is_storable": True, "standard_price": 7.0})
        cls.reason = cls.env["omni.stock.adjustment.reason"].create(
            {"name": "Finance recount", "code": "FIN-RECOUNT"})
        cls.env["stock.quant"]._update_available_quantity(cls.product, cls.stock, 20)
        quant = cls.env["stock.quant"]._gather(cls.product, cls.stock, strict=True)
        # one change applied (3 x 7 = 21), one sent for approval (30 x 7 = 210)
        for counted in (17, 47):
            quant.with_context(inventory_mode=True).write(
                {"inventory_quantity": counted, "omni_reason_id": cls.reason.id})
            quant.action_apply_inventory()
        cls.log = cls.env["omni.stock.adjustment.log"].search(
            [("product_id", "=", cls.product.id), ("event", "=", "applied")])
        cls.request = cls.env["omni.stock.adjustment.request"].search(
            [("product_id", "=", cls.product.id)])
        cls.clerk = cls.rpc_user("fin_clerk", ["stock.group_stock_user", EXPORT])
        cls.manager = cls.rpc_user("fin_manager", ["stock.group_stock_manager", EXPORT])
        cls.finance = cls.rpc_user("fin_finance", ["stock.group_stock_user", FINANCE, EXPORT])

    def assertRefused(self, call, user, model, method, *args, **kwargs):
        with self.assertRaises(RpcError) as caught:
            call(user, model, method, *args, **kwargs)
        # Odoo's field access error names the field (XML-RPC sends no exception class)
        self.assertIn("value", caught.exception.message)

    def test_values_refused_to_inventory_users_on_every_route(self):
        self.assertEqual((self.log.value, self.request.value), (21.0, 210.0))
        log = self.log
        mine = [("product_id", "=", self.product.id), ("event", "=", "applied")]
        Log = "omni.stock.adjustment.log"
        for user in (self.clerk, self.manager):
            for call in (self.rpc, self.xmlrpc):
                with self.subTest(user=user.login, call=call.__name__):
                    # the entry itself is theirs to read, without its value
                    rows = call(user, Log, "search_read", mine, [])
                    self.assertEqual([row["quantity_delta"] for row in rows], [-3.0])
                    self.assertNotIn("value", rows[0])
                    self.assertRefused(call, user, Log, "read", log.ids, ["value"])
                    self.assertRefused(call, user, Log, "search_read", mine, ["value"])
                    self.assertRefused(call, user, Log, "read_group", mine, ["value:sum"],
                                       ["product_id"])
                    self.assertRefused(call, user, Log, "export_data", log.ids,
                                       ["product_id", "value"])
                    self.assertRefused(call, user, Log, "search", [("value", ">", 20)])
                    self.assertRefused(call, user, Log, "search", mine, order="value desc")
                    self.assertRefused(call, user, "omni.stock.adjustment.request", "read",
                                       self.request.ids, ["value"])
            fields = self.rpc(user, Log, "fields_get", [], ["string"])
            self.assertNotIn("value", fields)

    def test_finance_reads_the_values(self):
        Log = "omni.stock.adjustment.log"
        for call in (self.rpc, self.xmlrpc):
            rows = call(self.finance, Log, "read", self.log.ids, ["value"])
            self.assertEqual(rows[0]["value"], 21.0)
            groups = call(self.finance, Log, "read_group", [("id", "in", self.log.ids)],
                          ["value:sum"], [])
            self.assertEqual(groups[0]["value"], 21.0)
            data = call(self.finance, Log, "export_data", self.log.ids, ["value"])
            self.assertEqual(data["datas"], [[21.0]])
            request = call(self.finance, "omni.stock.adjustment.request", "read",
                           self.request.ids, ["value"])
            self.assertEqual(request[0]["value"], 210.0)

    def test_approver_decides_without_reading_the_value(self):
        approver = self.rpc_user("fin_approver",
                                 ["omni_stock_adjustment.group_adjustment_approver"])
        approver.groups_id = [Command.link(self.env.ref(EXPORT).id)]
        self.rpc(approver, "omni.stock.adjustment.request", "action_approve",
                 self.request.ids)
        self.assertEqual(self.request.state, "approved")
        approved = self.env["omni.stock.adjustment.log"].search(
            [("request_id", "=", self.request.id), ("event", "=", "applied")])
        self.assertEqual(approved.value, 210.0)
