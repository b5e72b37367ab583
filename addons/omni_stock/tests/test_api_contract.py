import contextlib

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import OmniStockCase
from .test_api import PREFIX

# every kind of bad number a JSON client can send (Python's json reads NaN and
# Infinity literals, and 1e400 as infinity)
BAD_NUMBERS = ["NaN", "Infinity", "-Infinity", "1e400", "1" + "0" * 400, '"5"', "true",
               "[]", "{}", '{"qty": 1}', "null", "-1", "0"]


@tagged("post_install", "-at_install")
class TestApiContract(HttpCase, OmniStockCase):
    """Each numeric or id field of the API answers 400 with its stable code to any bad
    value, writes nothing and logs no traceback."""

    readonly_enabled = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.marketplace = cls.env["omni.channel"].create({
            "name": "Contract Marketplace", "code": "contract-mkt",
            "channel_type": "marketplace", "warehouse_ids": [Command.set(cls.warehouse.ids)],
        })
        if "sale_partner_id" in cls.marketplace._fields:  # omni_stock_sale: confirm = order
            cls.marketplace.sale_partner_id = cls.env["res.partner"].create({"name": "Mkt"})
        cls.key = cls.marketplace._omni_new_api_key("contract")

    def setUp(self):
        super().setUp()
        self._put(self.stock, 5)

    def post(self, path, raw):
        response = self.opener.post(
            self.base_url() + PREFIX + path, data=raw, timeout=12,
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.key}"})
        self.assertEqual(response.headers["Content-Type"], "application/json; charset=utf-8")
        return response.status_code, response.json()

    @contextlib.contextmanager
    def assertNoTraceback(self):
        """Nothing logged as a failure by the API or Odoo's HTTP layer."""
        with self.assertNoLogs("odoo.addons.omni_stock.controllers.api", level="ERROR"), \
                self.assertNoLogs("odoo.http", level="ERROR"):
            yield

    def holds(self):
        return self.env["omni.stock.hold"].search([("channel_id", "=", self.marketplace.id)])

    def test_bad_numbers_answer_400(self):
        fields = {
            "qty": ('{"sku": "OMNI-TEE", "qty": %s, "reference": "c-1"}', "invalid_quantity"),
            "ttl_seconds": ('{"sku": "OMNI-TEE", "qty": 1, "reference": "c-2",'
                            ' "ttl_seconds": %s}', "invalid_payload"),
            "warehouse": ('{"sku": "OMNI-TEE", "qty": 1, "reference": "c-3",'
                          ' "warehouse": %s}', "invalid_payload"),
            "reference": ('{"sku": "OMNI-TEE", "qty": 1, "reference": %s}', "invalid_payload"),
            "sku": ('{"sku": %s, "qty": 1, "reference": "c-4"}', "invalid_payload"),
        }
        with self.assertNoTraceback():
            for name, (template, code) in fields.items():
                for bad in BAD_NUMBERS:
                    if bad == "null" and name in ("ttl_seconds", "warehouse"):
                        continue  # absent: the default time to live, every source
                    if bad == '"5"' and name in ("reference", "sku", "warehouse"):
                        continue  # a string is what these fields are
                    with self.subTest(field=name, value=bad):
                        status, body = self.post("/holds", template % bad)
                        self.assertEqual(status, 400, body)
                        self.assertEqual(body["error"]["code"], code, body)
        self.assertFalse(self.holds())

    def test_bad_confirm_payload_answers_400(self):
        self.assertEqual(self.post(
            "/holds", '{"sku": "OMNI-TEE", "qty": 1, "reference": "c-9"}')[0], 201)
        with self.assertNoTraceback():
            for bad in BAD_NUMBERS:
                if bad in ("null", '"5"'):
                    continue  # absent: the hold's own reference
                with self.subTest(value=bad):
                    status, body = self.post("/holds/c-9/confirm",
                                             '{"order_reference": %s}' % bad)
                    self.assertEqual((status, body["error"]["code"]),
                                     (400, "invalid_payload"), body)
        self.assertEqual(self.holds().state, "active")

    def test_bad_feed_limit_answers_400(self):
        with self.assertNoTraceback():
            for bad in ("NaN", "inf", "-1", "0", "1e400", "9" * 400, "x", "1.5"):
                with self.subTest(limit=bad):
                    response = self.url_open(
                        f"{PREFIX}/availability/changes?limit={bad}",
                        headers={"Authorization": f"Bearer {self.key}"})
                    self.assertEqual(response.status_code, 400, response.text)
                    self.assertEqual(response.json()["error"]["code"], "invalid_payload")
