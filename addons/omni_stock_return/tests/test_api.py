import json

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import ReturnCase
from .test_yield import ReturnHistoryCase

PREFIX = "/omni_stock/v1"


@tagged("post_install", "-at_install")
class TestReturnsApi(HttpCase, ReturnCase):
    readonly_enabled = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order.write({"client_order_ref": "MKT-1001", "omni_channel_id": cls.channel.id})
        cls.key = cls.channel._omni_new_api_key("test")

    def call(self, method, path, body=None):
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {self.key}"}
        if method == "GET":
            response = self.url_open(PREFIX + path, headers=headers)
        else:
            response = self.opener.post(self.base_url() + PREFIX + path,
                                        data=json.dumps(body), headers=headers, timeout=12)
        self.assertEqual(response.headers["Content-Type"], "application/json; charset=utf-8")
        return response.status_code, response.json()

    def body(self, **values):
        return {"order_reference": "MKT-1001", "sku": "OMNI-TEE", "qty": 1,
                "reason": "WRONG_SIZE", "reference": "R-1", **values}

    def returns(self):
        return self.env["omni.stock.return"].search([("channel_id", "=", self.channel.id)])

    def assertError(self, result, status, code):
        self.assertEqual(result[0], status, result[1])
        self.assertEqual(result[1]["error"]["code"], code)
        self.assertTrue(result[1]["error"]["message"])

    def test_create_lands_in_inspection_and_replays(self):
        ats = self._ats(self.channel)["ats"]
        status, data = self.call("POST", "/returns", self.body(qty=2))
        self.assertEqual(status, 201, data)
        self.assertEqual(data["return"]["state"], "expected")
        self.assertEqual(data["return"]["order_reference"], "MKT-1001")
        rma = self.returns()
        self.assertEqual(rma.origin, "api")
        self.assertEqual(rma.picking_id.location_dest_id, self.inspection)
        status, again = self.call("POST", "/returns", self.body(qty=2))
        self.assertEqual(status, 200)
        self.assertEqual(again["return"]["rma"], data["return"]["rma"])
        self.assertEqual(len(self.returns()), 1)
        rma.action_receive()
        self.assertEqual(self.qty(self.inspection), 2)
        self.assertEqual(self._ats(self.channel)["ats"], ats)
        status, read = self.call("GET", "/returns/R-1")
        self.assertEqual(status, 200)
        self.assertEqual(read["return"]["state"], "received")
        self.assertIsNone(read["return"]["disposition"])

    def test_bad_input_refused_nothing_written(self):
        cases = [
            (self.body(order_reference="NOPE"), 404, "unknown_order"),
            (self.body(sku="NOPE"), 404, "unknown_sku"),
            (self.body(qty=0), 400, "invalid_quantity"),
            (self.body(qty="2"), 400, "invalid_quantity"),
            (self.body(qty=4), 409, "excess_return"),
            (self.body(reason="NOPE"), 400, "invalid_payload"),
            ({"sku": "OMNI-TEE"}, 400, "invalid_payload"),
        ]
        for body, status, code in cases:
            with self.subTest(code=code, body=body):
                self.assertError(self.call("POST", "/returns", body), status, code)
        self.assertFalse(self.returns())
        self.assertError(self.call("GET", "/returns/R-1"), 404, "return_not_found")

    def test_bad_numbers_answer_400_and_write_nothing(self):
        template = ('{"order_reference": "MKT-1001", "sku": "OMNI-TEE", "qty": %s,'
                    ' "reason": "WRONG_SIZE", "reference": "R-9"}')
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {self.key}"}
        with self.assertNoLogs("odoo.addons.omni_stock.controllers.api", level="ERROR"), \
                self.assertNoLogs("odoo.http", level="ERROR"):
            for bad in ("NaN", "Infinity", "-Infinity", "1e400", "1" + "0" * 400, '"5"',
                        "true", "[]", "{}", "null", "-1", "0", "1e-9"):
                with self.subTest(qty=bad):
                    response = self.opener.post(self.base_url() + PREFIX + "/returns",
                                                data=template % bad, headers=headers,
                                                timeout=12)
                    self.assertEqual(response.status_code, 400, response.text)
                    self.assertEqual(response.json()["error"]["code"], "invalid_quantity")
            for key in ("order_reference", "sku", "reason", "reference"):
                for bad in ("1", "[]", "{}", "NaN", "true"):
                    with self.subTest(field=key, value=bad):
                        body = json.dumps(self.body()).replace(
                            json.dumps(self.body()[key]), bad, 1)
                        response = self.opener.post(self.base_url() + PREFIX + "/returns",
                                                    data=body, headers=headers, timeout=12)
                        self.assertEqual(response.status_code, 400, response.text)
                        self.assertEqual(response.json()["error"]["code"], "invalid_payload")
        self.assertFalse(self.returns())

    def test_other_channel_sees_nothing(self):
        self.assertEqual(self.call("POST", "/returns", self.body())[0], 201)
        other = self.env["omni.channel"].create({
            "name": "Other Mkt", "code": "other-mkt", "channel_type": "marketplace",
            "warehouse_ids": [Command.set(self.warehouse.ids)]})
        self.key = other._omni_new_api_key("test")
        self.assertError(self.call("GET", "/returns/R-1"), 404, "return_not_found")

    def test_other_channels_order_answers_like_an_unknown_one(self):
        """A marketplace key names the web shop's order: exactly the answer it gets
        for an order that does not exist, and nothing is written."""
        north = self.env["omni.channel"].create({
            "name": "Mkt North", "code": "mkt-north-t", "channel_type": "marketplace",
            "warehouse_ids": [Command.set(self.warehouse.ids)]})
        self.key = north._omni_new_api_key("test")
        pickings = self.env["stock.picking"].search_count([])
        body = self.body(order_reference=self.order.name)
        not_yours = self.call("POST", "/returns", body)
        self.order.name = "S-RENAMED"  # the same reference now names no order at all
        unknown = self.call("POST", "/returns", body)
        self.assertEqual(not_yours, unknown)
        self.assertEqual(not_yours[0], 404)
        self.assertEqual(not_yours[1]["error"]["code"], "unknown_order")
        self.assertFalse(self.env["omni.stock.return"].search(
            [("channel_id", "in", (north | self.channel).ids)]))
        self.assertEqual(self.env["stock.picking"].search_count([]), pickings)

    def test_pending_returns_count_and_conflicts(self):
        self.assertEqual(self.call("POST", "/returns", self.body(qty=2))[0], 201)
        self.assertError(self.call("POST", "/returns", self.body(qty=2, reference="R-2")),
                         409, "excess_return")
        self.assertError(self.call("POST", "/returns", self.body(qty=1)),
                         409, "reference_conflict")
        self.assertEqual(self.call("POST", "/returns", self.body(reference="R-3"))[0], 201)
        self.assertEqual(len(self.returns()), 2)


@tagged("post_install", "-at_install")
class TestReturnsApiYield(HttpCase, ReturnHistoryCase):
    readonly_enabled = False

    def test_availability_shows_expected_returns(self):
        key = self.channel._omni_new_api_key("test")
        response = self.url_open(PREFIX + "/availability?skus=OMNI-TEE",
                                 headers={"Authorization": f"Bearer {key}"})
        item = response.json()["items"][0]
        self.assertAlmostEqual(item["returns_expected"], 1.5)
        self.assertEqual(item["ats"], self.qty(self.stock))
