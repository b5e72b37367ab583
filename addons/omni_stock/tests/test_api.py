import base64
import json
import xmlrpc.client

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from ..models.omni_channel_api import API_SCOPE
from .common import OmniStockCase

PREFIX = "/omni_stock/v1"


@tagged("post_install", "-at_install")
class TestApi(HttpCase, OmniStockCase):
    # the API's read routes may use a replica cursor; here every request shares the
    # test's transaction, which a read-only test cursor would forbid writing the log to
    readonly_enabled = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.marketplace = cls.env["omni.channel"].create({
            "name": "Test Marketplace", "code": "test-mkt", "channel_type": "marketplace",
            "warehouse_ids": [Command.set(cls.warehouse.ids)], "low_stock_qty": 3,
        })
        if "sale_partner_id" in cls.marketplace._fields:  # omni_stock_sale: confirm = order
            cls.marketplace.sale_partner_id = cls.env["res.partner"].create({"name": "Mkt"})
        cls.key = cls.marketplace._omni_new_api_key("test")
        cls.web_key = cls.channel._omni_new_api_key("test")
        cls.cap = cls._create_product("Omni Cap", "OMNI-CAP")

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

    def holds(self):
        """The holds of this test's channels (the database may hold others: demo carts)."""
        return self.env["omni.stock.hold"].search(
            [("channel_id", "in", (self.marketplace | self.channel).ids)])

    def holds_count(self):
        return len(self.holds())

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
        # probable supply of installed addons (returns_expected...) comes as extra keys
        supply = set(self.env["omni.ats"]._supply_kinds())
        items = [{key: value for key, value in item.items() if key not in supply}
                 for item in data["items"]]
        self.assertEqual(items, [
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
        # an API key of a user without channel
        plain = self.env["res.users"].create({"name": "Plain", "login": "omni-plain"})
        key = self.env["res.users.apikeys"].with_user(plain).sudo()._generate(
            API_SCOPE, "t", None)
        self.assertError(self.call("GET", "/availability?skus=A", key=key), 403,
                         "forbidden_channel")
        # an RPC key (another scope) does not open the API, even of an integration user
        integration = self.marketplace.integration_user_ids
        rpc_key = self.env["res.users.apikeys"].with_user(integration).sudo()._generate(
            "rpc", "t", None)
        self.assertError(self.call("GET", "/availability?skus=A", key=rpc_key), 401,
                         "unauthorized")

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
        self.assertEqual(self.holds().state, "active")

    def test_confirm_expired(self):
        self.hold({"sku": "OMNI-TEE", "qty": 2, "reference": "x-1", "ttl_seconds": 60})
        hold = self.env["omni.stock.hold"].search([("reference", "=", "x-1")])
        self.env.cr.execute("UPDATE omni_stock_hold SET expires_at = '2020-01-01' WHERE id = %s",
                            [hold.id])
        hold.invalidate_recordset()
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

    # ------------------------------------------------------------ integrity (issue 7)

    def test_integration_user_has_no_rights_beyond_the_api(self):
        """The marketplace's key opens this API and nothing else: no XML-RPC, no
        internal user, no channel configuration, no partner data."""
        user = self.marketplace.integration_user_ids
        self.assertTrue(user.share)
        self.assertFalse(user.has_group("base.group_user"))
        self.assertTrue(user.has_group("omni_stock.group_omni_integration"))
        common = xmlrpc.client.ServerProxy(f"{self.base_url()}/xmlrpc/2/common")
        self.assertFalse(common.authenticate(self.env.cr.dbname, user.login, self.key, {}))
        models_rpc = xmlrpc.client.ServerProxy(f"{self.base_url()}/xmlrpc/2/object")
        with self.assertRaises(xmlrpc.client.Fault):
            models_rpc.execute_kw(self.env.cr.dbname, user.id, self.key, "omni.channel",
                                  "search_read", [[]], {"fields": ["name"]})
        for model in ("omni.channel", "omni.stock.hold", "stock.quant", "stock.location"):
            self.assertFalse(self.env[model].with_user(user).has_access("read"), model)
        # what a portal user may read is its own: no other partner, no order
        partners = self.env["res.partner"].with_user(user).search([])
        self.assertEqual(partners, user.partner_id.commercial_partner_id | user.partner_id)
        if "sale.order" in self.env:
            self.assertFalse(self.env["sale.order"].with_user(user).search([]))
        # an internal user cannot be made an integration user
        with self.assertRaises(ValidationError):
            new_test_user(self.env, "omni_internal_int", groups="base.group_user",
                          omni_channel_id=self.channel.id)

    def test_every_refusal_is_json_and_writes_nothing(self):
        bad_cursors = [
            {"mode": "delta"},  # incomplete
            {"mode": "delta", "last_id": 1, "xmin": "1", "since": 5},
            {"mode": "delta", "last_id": "1", "xmin": "1", "since": "2026-01-01 00:00:00"},
            {"mode": "delta", "last_id": 1, "xmin": 123, "since": "2026-01-01 00:00:00"},
            {"mode": "delta", "last_id": 1, "xmin": "9" * 40, "since": "2026-01-01 00:00:00"},
            {"mode": "delta", "last_id": 2**70, "xmin": "1", "since": "2026-01-01 00:00:00"},
            {"mode": "nope", "last_id": 1, "xmin": "1", "since": "2026-01-01 00:00:00"},
            {"m": "d", "t": 5},
            [1, 2],
        ]
        for state in bad_cursors:
            with self.subTest(cursor=state):
                raw = base64.urlsafe_b64encode(json.dumps(state).encode()).decode()
                self.assertError(self.call("GET", f"/availability/changes?cursor={raw}"),
                                 400, "invalid_cursor")
        for raw in ('{"sku": "OMNI-TEE", "qty": 1%s, "reference": "big"}' % ("0" * 400),
                    '{"sku": "OMNI-TEE", "qty": 1e400, "reference": "big"}',
                    '{"sku": "OMNI-TEE", "qty": 1e-7, "reference": "tiny"}',
                    '{"sku": "OMNI-TEE", "qty": -0.0, "reference": "zero"}'):
            with self.subTest(raw=raw[:60]):
                self.assertError(self.hold(None, raw=raw), 400, "invalid_quantity")
        self.assertError(self.hold({"sku": "OMNI-TEE", "qty": 1, "reference": "a/b"}), 400,
                         "invalid_payload")
        self.assertError(self.hold({"sku": ["OMNI-TEE"], "qty": 1, "reference": "l"}), 400,
                         "invalid_payload")
        self.assertError(self.hold(None, raw="[" * 5000 + "]" * 5000), 400, "invalid_payload")
        self.assertError(self.call("GET", "/nowhere"), 404, "not_found")
        self.assertError(self.call("POST", "/availability", {}), 405, "method_not_allowed")
        self.assertError(self.call("GET", "/holds/a/b/c"), 404, "not_found")
        self.assertEqual(self.holds_count(), 0)

    def test_feed_tells_each_channel_only_its_changes(self):
        """A hold reaches the feeds of channels sharing its sources, not the others'; an
        archived product or a renamed SKU is reported as removed."""
        elsewhere_wh = self.env["stock.warehouse"].create({"name": "Omni Far", "code": "OFR"})
        elsewhere = self.env["omni.channel"].create({
            "name": "Far Store", "code": "test-far", "warehouse_ids": elsewhere_wh.ids})
        far_key = elsewhere._omni_new_api_key("test")
        cursors = {key: self._drain_feed(key) for key in (self.key, self.web_key, far_key)}
        self.hold({"sku": "OMNI-TEE", "qty": 1, "reference": "feed-1"})
        seen = {key: self._feed(key, cursor)[0] for key, cursor in cursors.items()}
        self.assertEqual(seen[self.key], ["OMNI-TEE"])
        self.assertEqual(seen[self.web_key], ["OMNI-TEE"], "shares the warehouse")
        self.assertEqual(seen[far_key], [], "draws on another warehouse")
        cursor = self._drain_feed(self.key)
        self.cap.default_code = "OMNI-CAP-2"
        skus, removed, cursor = self._feed(self.key, cursor)
        self.assertEqual((skus, removed), (["OMNI-CAP-2"], ["OMNI-CAP"]))
        self.cap.active = False
        skus, removed, cursor = self._feed(self.key, cursor)
        self.assertEqual((skus, removed), ([], ["OMNI-CAP-2"]))

    def _drain_feed(self, key):
        _status, page = self.call("GET", "/availability/changes?limit=1000", key=key)
        while page["has_more"]:
            _status, page = self.call(
                "GET", f"/availability/changes?limit=1000&cursor={page['next_cursor']}",
                key=key)
        return page["next_cursor"]

    def _feed(self, key, cursor):
        status, page = self.call("GET", f"/availability/changes?cursor={cursor}", key=key)
        self.assertEqual(status, 200, page)
        return [item["sku"] for item in page["items"]], page["removed"], page["next_cursor"]

    # ------------------------------------------------------------ rate, log, retention

    def test_rate_limit_per_integration(self):
        user = self.marketplace.integration_user_ids
        user.write({"omni_rate_per_minute": 1, "omni_rate_burst": 3})
        for _ in range(3):
            self.assertEqual(self.call("GET", "/availability?skus=OMNI-TEE")[0], 200)
        response = self.url_open(PREFIX + "/availability?skus=OMNI-TEE",
                                 headers={"Authorization": f"Bearer {self.key}"})
        self.assertEqual(response.status_code, 429)
        self.assertEqual(response.json()["error"]["code"], "rate_limited")
        self.assertGreaterEqual(int(response.headers["Retry-After"]), 1)
        self.assertGreaterEqual(response.json()["error"]["retry_after"], 1)
        self.assertError(self.hold({"sku": "OMNI-TEE", "qty": 1, "reference": "rl"}), 429,
                         "rate_limited")
        self.assertEqual(self.holds_count(), 0)
        # the bucket is a row in PostgreSQL, shared by every worker and server
        self.env.cr.execute("SELECT tokens FROM omni_api_rate_bucket WHERE user_id = %s",
                            [user.id])
        self.assertLess(self.env.cr.fetchone()[0], 1)
        # another integration has its own bucket
        self.assertEqual(self.call("GET", "/availability?skus=OMNI-TEE", key=self.web_key)[0],
                         200)

    def test_request_log_visible_to_managers(self):
        self.call("GET", "/availability?skus=OMNI-TEE,NOPE")
        self.hold({"sku": "OMNI-TEE", "qty": 99, "reference": "log-1"})
        Log = self.env["omni.api.request.log"]
        logs = Log.search([("channel_id", "=", self.marketplace.id)], order="id")
        self.assertEqual(
            [(log.endpoint, log.method, log.status, log.error_code, log.sku_count)
             for log in logs],
            [("availability", "GET", 200, False, 2),
             ("hold_create", "POST", 409, "insufficient_stock", 0)])
        self.assertGreater(logs[0].duration_ms, 0)
        manager = new_test_user(self.env, "omni_log_mgr", groups="omni_stock.group_omni_manager")
        self.assertEqual(Log.with_user(manager).search(
            [("channel_id", "=", self.marketplace.id)]), logs)
        user = new_test_user(self.env, "omni_log_user", groups="omni_stock.group_omni_user")
        with self.assertRaises(AccessError):
            Log.with_user(user).search([])
        self.env["ir.config_parameter"].set_param("omni_stock.api_log_retention_days", 1)
        self.env.cr.execute("UPDATE omni_api_request_log SET create_date = create_date"
                            " - interval '2 days' WHERE id = %s", [logs[0].id])
        Log._gc_request_log()
        self.assertEqual(Log.search([("channel_id", "=", self.marketplace.id)]), logs[1])

    def test_cursor_older_than_retention_must_restart(self):
        cursor = self._drain_feed(self.key)
        self._put(self.stock, 1, self.cap)
        self.env["ir.config_parameter"].set_param("omni_stock.change_retention_days", 1)
        self.env.cr.execute("UPDATE omni_stock_change SET create_date = create_date"
                            " - interval '2 days'")
        self.env["omni.stock.change"]._gc_changes()
        self.assertError(self.call("GET", f"/availability/changes?cursor={cursor}"), 410,
                         "cursor_expired")
        status, page = self.call("GET", "/availability/changes")
        self.assertEqual((status, page["full"]), (200, True))
