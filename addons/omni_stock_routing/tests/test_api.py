import json

from odoo.tests import HttpCase, tagged

from .common import RoutingCase


@tagged("post_install", "-at_install")
class TestRoutingApi(HttpCase, RoutingCase):
    readonly_enabled = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.channel.write({"channel_type": "marketplace", "sale_partner_id": cls.customer.id})
        cls.key = cls.channel._omni_new_api_key("routing test")

    def post(self, path, body):
        response = self.opener.post(
            f"{self.base_url()}/omni_stock/v1{path}", data=json.dumps(body),
            headers={"Content-Type": "application/json",
                     "Authorization": f"Bearer {self.key}"}, timeout=30)
        return response.status_code, response.json()

    def test_hold_confirmation_tells_the_node_and_promise_when_asked(self):
        status, _body = self.post("/holds", {"sku": "RT-TEE", "qty": 2, "reference": "mk-1"})
        self.assertEqual(status, 201)
        status, body = self.post("/holds/mk-1/confirm", {"routing": True})
        self.assertEqual(status, 200, body)
        self.assertEqual([(r["sku"], r["qty"], r["node"]) for r in body["routing"]],
                         [("RT-TEE", 2.0, "RLYO")])
        self.assertTrue(body["routing"][0]["promise_date"])
        # without the flag: the answer the API always gave
        self.post("/holds", {"sku": "RT-TEE", "qty": 1, "reference": "mk-2"})
        status, body = self.post("/holds/mk-2/confirm", {})
        self.assertEqual(status, 200)
        self.assertNotIn("routing", body)

    def test_bad_flag_changes_nothing(self):
        self.post("/holds", {"sku": "RT-TEE", "qty": 1, "reference": "mk-3"})
        status, body = self.post("/holds/mk-3/confirm", {"routing": "yes"})
        self.assertEqual((status, body["error"]["code"]), (400, "invalid_payload"))
        hold = self.env["omni.stock.hold"].search([("reference", "=", "mk-3")])
        self.assertEqual(hold.state, "active")
        self.assertFalse(self.env["sale.order"].search([("origin", "=", "mk-3")]))
