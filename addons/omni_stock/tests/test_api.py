import json

from odoo.tests import HttpCase, tagged

from .common import OmniStockCase

PREFIX = "/omni_stock/v1"


@tagged("post_install", "-at_install")
class TestApi(HttpCase, OmniStockCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.marketplace = cls.env["omni.channel"].create({
            "name": "Test Marketplace", "code": "test-mkt", "channel_type": "marketplace",
            "warehouse_ids": [(6, 0, cls.warehouse.ids)], "low_stock_qty": 3,
        })
        if "sale_partner_id" in cls.marketplace._fields:  # omni_stock_sale: confirm = order
            cls.marketplace.sale_partner_id = cls.env["res.partner"].create({"name": "Mkt"})
        cls.key = cls._integration_key(cls.marketplace, "mkt")
        cls.web_key = cls._integration_key(cls.channel, "web")
        cls.cap = cls._create_product("Omni Cap", "OMNI-CAP")

    @classmethod
    def _integration_key(cls, channel, login):
        user = cls.env["res.users"].create({
            "name": f"Integration {login}", "login": f"omni-api-{login}",
            "omni_channel_id": channel.id,
            "groups_id": [(6, 0, cls.env.ref("base.group_user").ids)],
        })
        return cls.env["res.users.apikeys"].with_user(user).sudo()._generate(
            "rpc", "test", None)

    def setUp(self):
        super().setUp()
        self._put(self.stock, 5)

    def call(self, method, path, body=None, key=None, raw=None):
        headers = {"Content-Type": "application/json"}
        if key is not False:
            headers["Authorization"] = f"Bearer {key or self.key}"
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        if method == "GET":
            response = self.url_open(PREFIX + path, headers=headers)
        else:
            response = self.opener.post(self.base_url() + PREFIX + path, data=data or "",
                                        headers=headers, timeout=12)
        self.assertEqual(response.headers["Content-Type"], "application/json; charset=utf-8")
        return response.status_code, response.json()

    def hold(self, body, **kwargs):
        return self.call("POST", "/holds", body, **kwargs)

    def holds_count(self):
        return self.env["omni.stock.hold"].search_count([])

    def assertError(self, result, status, code):
        self.assertEqual(result[0], status, result[1])
        self.assertEqual(result[1]["error"]["code"], code)
        self.assertTrue(result[1]["error"]["message"])

    def test_availability(self):
        self.env["omni.stock.hold"].reserve(self.marketplace, self.product, 3, "X")
        status, data = self.call("GET", "/availability?skus=OMNI-TEE,OMNI-CAP,NOPE")
        self.assertEqual(status, 200)
        self.assertEqual(data["channel"], "test-mkt")
        self.assertTrue(data["as_of"].endswith("Z"))
        self.assertEqual(data["items"], [
            {"sku": "OMNI-TEE", "ats": 2.0, "incoming": 0.0, "status": "low"},
            {"sku": "OMNI-CAP", "ats": 0.0, "incoming": 0.0, "status": "out"},
        ])
        self.assertEqual(data["unknown"], ["NOPE"])
        _status, web = self.call("GET", "/availability?skus=OMNI-TEE", key=self.web_key)
        self.assertEqual(web["channel"], "test-web")
        self.assertEqual(web["items"][0]["ats"], 2.0, "the marketplace hold counts here too")

    def test_availability_errors(self):
        self.assertError(self.call("GET", "/availability?skus=A", key=False), 401,
                         "unauthorized")
        self.assertError(self.call("GET", "/availability?skus=A", key="wrong"), 401,
                         "unauthorized")
        self.assertError(self.call("GET", "/availability"), 400, "invalid_payload")
        skus = ",".join(f"S{i}" for i in range(501))
        self.assertError(self.call("GET", f"/availability?skus={skus}"), 400,
                         "invalid_payload")
        # a key of a user without channel
        plain = self.env["res.users"].create({"name": "Plain", "login": "omni-plain"})
        key = self.env["res.users.apikeys"].with_user(plain).sudo()._generate("rpc", "t", None)
        self.assertError(self.call("GET", "/availability?skus=A", key=key), 403,
                         "forbidden_channel")

    def test_hold_create_replay_release_confirm(self):
        body = {"sku": "OMNI-TEE", "qty": 2, "reference": "cart-1", "ttl_seconds": 600}
        status, data = self.hold(body)
        self.assertEqual(status, 201, data)
        self.assertEqual(data["hold"]["state"], "active")
        self.assertEqual(data["hold"]["channel"], "test-mkt")
        self.assertEqual(data["hold"]["qty"], 2)
        status, again = self.hold(body)
        self.assertEqual(status, 200)
        self.assertEqual(again["hold"]["id"], data["hold"]["id"])
        self.assertEqual(self.holds_count(), 1)
        self.assertEqual(self._ats(self.marketplace)["ats"], 3)
        status, data = self.call("GET", "/holds/cart-1")
        self.assertEqual((status, data["hold"]["state"]), (200, "active"))
        status, data = self.call("POST", "/holds/cart-1/release", {})
        self.assertEqual((status, data["hold"]["state"]), (200, "released"))
        self.assertEqual(self._ats(self.marketplace)["ats"], 5)
        self.hold({"sku": "OMNI-TEE", "qty": 1, "reference": "cart-2"})
        status, data = self.call("POST", "/holds/cart-2/confirm", {})
        self.assertEqual((status, data["hold"]["state"]), (200, "confirmed"), data)
        status, data = self.call("POST", "/holds/cart-2/confirm", {})
        self.assertEqual((status, data["hold"]["state"]), (200, "confirmed"), "idempotent")

    def test_hold_errors_write_nothing(self):
        cases = [
            ({"sku": "OMNI-TEE", "qty": -1, "reference": "e"}, 400, "invalid_quantity"),
            ({"sku": "OMNI-TEE", "qty": 0, "reference": "e"}, 400, "invalid_quantity"),
            ({"sku": "OMNI-TEE", "qty": "two", "reference": "e"}, 400, "invalid_quantity"),
            ({"sku": "OMNI-TEE", "qty": "2", "reference": "e"}, 400, "invalid_quantity"),
            ({"sku": "OMNI-TEE", "qty": 1e12, "reference": "e"}, 400, "invalid_quantity"),
            ({"sku": "OMNI-TEE", "qty": 1.5, "reference": "e"}, 400, "invalid_quantity"),
            ({"sku": "OMNI-TEE", "qty": True, "reference": "e"}, 400, "invalid_quantity"),
            ({"sku": "NOPE", "qty": 1, "reference": "e"}, 404, "unknown_sku"),
            ({"sku": "OMNI-TEE", "reference": "e"}, 400, "invalid_payload"),
            ({"qty": 1, "reference": "e"}, 400, "invalid_payload"),
            ({"sku": "OMNI-TEE", "qty": 1}, 400, "invalid_payload"),
            ({"sku": "OMNI-TEE", "qty": 1, "reference": ""}, 400, "invalid_payload"),
            ({"sku": "OMNI-TEE", "qty": 1, "reference": "x" * 65}, 400, "invalid_payload"),
            ({"sku": "OMNI-TEE", "qty": 1, "reference": "e", "ttl_seconds": 0}, 400,
             "invalid_payload"),
            ({"sku": "OMNI-TEE", "qty": 1, "reference": "e", "ttl_seconds": 10 ** 9}, 400,
             "invalid_payload"),
            ({"sku": "OMNI-TEE", "qty": 1, "reference": "e", "warehouse": "ZZZ"}, 400,
             "invalid_payload"),
            ({"sku": "OMNI-TEE", "qty": 1, "reference": "e", "channel": "test-web"}, 403,
             "forbidden_channel"),
            ({"sku": "OMNI-TEE", "qty": 6, "reference": "e"}, 409, "insufficient_stock"),
            ([1, 2], 400, "invalid_payload"),
        ]
        for body, status, code in cases:
            with self.subTest(body=body):
                self.assertError(self.hold(body), status, code)
        for raw in ("{not json", "", "null", "\"text\""):
            with self.subTest(raw=raw):
                self.assertError(self.hold(None, raw=raw), 400, "invalid_payload")
        self.assertError(self.hold({"sku": "OMNI-TEE", "qty": 1, "reference": "e"},
                                   key="bad"), 401, "unauthorized")
        self.assertEqual(self.holds_count(), 0)
        status, data = self.hold({"sku": "OMNI-TEE", "qty": 6, "reference": "e"})
        self.assertEqual(data["error"]["available"], 5)

    def test_reference_conflict_and_foreign_hold(self):
        self.hold({"sku": "OMNI-TEE", "qty": 2, "reference": "c-1"})
        self.assertError(self.hold({"sku": "OMNI-TEE", "qty": 3, "reference": "c-1"}), 409,
                         "reference_conflict")
        self.assertError(self.hold({"sku": "OMNI-CAP", "qty": 2, "reference": "c-1"}), 409,
                         "reference_conflict")
        # the web channel cannot see nor touch the marketplace's hold
        for action in ("release", "confirm"):
            self.assertError(self.call("POST", f"/holds/c-1/{action}", {}, key=self.web_key),
                             404, "hold_not_found")
        self.assertError(self.call("GET", "/holds/c-1", key=self.web_key), 404,
                         "hold_not_found")
        self.assertError(self.call("POST", "/holds/nope/release", {}), 404, "hold_not_found")
        self.assertEqual(self.holds_count(), 1)
        self.assertEqual(self.env["omni.stock.hold"].search([]).state, "active")

    def test_confirm_expired(self):
        self.hold({"sku": "OMNI-TEE", "qty": 2, "reference": "x-1", "ttl_seconds": 60})
        hold = self.env["omni.stock.hold"].search([("reference", "=", "x-1")])
        hold.expires_at = "2020-01-01 00:00:00"
        self.assertError(self.call("POST", "/holds/x-1/confirm", {}), 409, "hold_expired")
        self.assertEqual(hold.state, "active")
        status, data = self.call("POST", "/holds/x-1/release", {})
        self.assertEqual(data["hold"]["state"], "expired")

    def test_changes_feed(self):
        status, first = self.call("GET", "/availability/changes?limit=1")
        self.assertEqual(status, 200)
        self.assertTrue(first["full"])
        self.assertTrue(first["has_more"])
        skus = [item["sku"] for item in first["items"]]
        cursor = first["next_cursor"]
        while True:
            _status, page = self.call("GET", f"/availability/changes?limit=1&cursor={cursor}")
            skus += [item["sku"] for item in page["items"]]
            cursor = page["next_cursor"]
            if not page["has_more"]:
                break
        self.assertIn("OMNI-TEE", skus)
        self.assertIn("OMNI-CAP", skus)
        # nothing changed since
        _status, page = self.call("GET", f"/availability/changes?cursor={cursor}")
        self.assertEqual(page["items"], [])
        self.assertFalse(page["full"])
        # a hold, then a stock move
        self.hold({"sku": "OMNI-CAP", "qty": 0.5, "reference": "f"})  # refused: no write
        self._put(self.stock, 2, self.cap)
        _status, page = self.call("GET", f"/availability/changes?cursor={cursor}")
        self.assertEqual([(i["sku"], i["ats"]) for i in page["items"]], [("OMNI-CAP", 2.0)])
        cursor = page["next_cursor"]
        self.hold({"sku": "OMNI-TEE", "qty": 1, "reference": "f"})
        _status, page = self.call("GET", f"/availability/changes?cursor={cursor}")
        self.assertEqual([(i["sku"], i["ats"]) for i in page["items"]], [("OMNI-TEE", 4.0)])
        cursor = page["next_cursor"]
        # a rule change lists everything again
        self.marketplace.safety_stock_qty = 1
        _status, page = self.call("GET", f"/availability/changes?cursor={cursor}")
        self.assertTrue(page["full"])
        self.assertIn(("OMNI-TEE", 3.0), [(i["sku"], i["ats"]) for i in page["items"]])
        self.assertError(self.call("GET", "/availability/changes?cursor=garbage"), 400,
                         "invalid_cursor")
        self.assertError(self.call("GET", "/availability/changes?limit=0"), 400,
                         "invalid_payload")

    def test_revoked_key_is_refused_at_once(self):
        """A verified key is cached per worker, yet revoking it takes effect at once."""
        self.assertEqual(self.call("GET", "/availability?skus=OMNI-TEE")[0], 200)
        key = self.env["res.users.apikeys"].search(
            [("user_id.omni_channel_id", "=", self.marketplace.id)])
        # behind the ORM's back, as another worker would: no cache flush in this one
        self.env.cr.execute("DELETE FROM res_users_apikeys WHERE id = %s", [key.id])
        self.assertError(self.call("GET", "/availability?skus=OMNI-TEE"), 401, "unauthorized")
        self.assertEqual(self.call("GET", "/availability?skus=OMNI-TEE", key=self.web_key)[0], 200)
        self.env["res.users"].search([("omni_channel_id", "=", self.channel.id)]).active = False
        self.assertError(self.call("GET", "/availability?skus=OMNI-TEE", key=self.web_key),
                         401, "unauthorized")

    def test_form_encoded_body_is_refused_clearly(self):
        response = self.opener.post(
            self.base_url() + PREFIX + "/holds", timeout=12,
            data=json.dumps({"sku": "OMNI-TEE", "qty": 1, "reference": "form-1"}),
            headers={"Authorization": f"Bearer {self.key}",
                     "Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("Content-Type: application/json", response.json()["error"]["message"])
        self.assertEqual(self.holds_count(), 0)
