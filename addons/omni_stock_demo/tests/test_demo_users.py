from odoo.addons.omni_stock.tests.rpc import RpcError, RpcMixin
from odoo.tests import HttpCase, tagged

from ..models.omni_stock_demo_users import CASHIERS, COUNTERS, ROLES

REQUEST = "omni.stock.adjustment.request"
DECISION = "omni.stock.adjustment.decision"


@tagged("post_install", "-at_install")
class TestDemoUsers(RpcMixin, HttpCase):
    """The demo has one user per role, each with an e-mail address and their login as
    password, and it shows the approval flow: large changes wait for an approver."""

    def user(self, key):
        return self.env.ref(f"omni_stock_demo.user_{key}")

    def test_one_user_per_role_who_can_log_in(self):
        counters = [(f"counter_{key}", None, None, None,
                     ["omni_stock_cycle_count.group_count_counter"]) for key in COUNTERS]
        for key, _login, _name, _email, groups in ROLES + CASHIERS + counters:
            user = self.user(key)
            with self.subTest(role=key):
                self.assertTrue(user.active)
                self.assertTrue(user.email)
                self.assertTrue(user.partner_id.email_normalized)
                for group in groups:
                    self.assertTrue(user.has_group(group), group)
                # login = password: the web client's session works
                uid = self.rpc(user, "res.users", "search", [("id", "=", user.id)])
                self.assertEqual(uid, user.ids)

    def test_large_changes_wait_for_an_approver(self):
        company = self.env.ref("base.main_company")
        self.assertEqual((company.omni_adj_threshold_qty, company.omni_adj_threshold_value),
                         (10, 200))
        paris = self.env.ref("omni_stock_demo.wh_par")
        self.assertTrue(paris.omni_adj_override_thresholds)
        self.assertLess(paris.omni_adj_threshold_value, company.omni_adj_threshold_value)
        request = self.env.ref("omni_stock_demo.adjustment_request_waiting")
        clerk, approver = self.user("store_clerk"), self.user("approver")
        self.assertEqual((request.state, request.requester_id), ("to_approve", clerk))
        self.assertEqual(request.quantity_delta, -3)
        self.assertGreater(request.value, company.omni_adj_threshold_value)
        self.assertIn(approver, request.activity_ids.user_id)
        Quant = self.env["stock.quant"]
        before = Quant._omni_onhand(request.product_id, request.location_id)
        # the clerk cannot approve their own request
        wizard = self.env[DECISION].create({"request_id": request.id, "decision": "approve"})
        with self.assertRaises(RpcError):
            self.rpc(clerk, DECISION, "action_confirm", [wizard.id])
        self.assertEqual(Quant._omni_onhand(request.product_id, request.location_id), before)
        # the approver does, from the request's form
        action = self.rpc(approver, REQUEST, "action_open_approve", [request.id])
        wizard_id = self.rpc(approver, DECISION, "create",
                             {"request_id": request.id, "comment": "Seen on the camera"},
                             context=action.get("context", {}))
        self.rpc(approver, DECISION, "action_confirm", [wizard_id])
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.approver_id, approver)
        self.assertEqual(Quant._omni_onhand(request.product_id, request.location_id),
                         before - 3)

    def test_omnichannel_menu_puts_set_up_under_configuration(self):
        menus = self.rpc(self.user("inventory_manager"), "ir.ui.menu", "load_menus", False)
        by_xmlid = {menu.get("xmlid"): menu for menu in menus.values()}

        def names(menu):
            return [menus[str(child)]["name"] for child in menu["children"]]

        top = names(by_xmlid["omni_stock.menu_omni_root"])
        self.assertEqual(top[-1], "Configuration")
        self.assertLessEqual(len(top), 12, top)
        config = names(by_xmlid["omni_stock.menu_omni_config"])
        for set_up_once in ("Sales Channels", "Location Statuses", "Status Transitions",
                            "ABC Classes", "KPI Definitions", "Alert Rules", "API Requests"):
            self.assertIn(set_up_once, config)
            self.assertNotIn(set_up_once, top)
