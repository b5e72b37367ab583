from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ReportCase


@tagged("post_install", "-at_install")
class TestAlert(ReportCase):
    """Each alert fires once for its cause, and not for normal activity."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Alert = cls.env["omni.stock.alert"]
        cls.rule = {
            kind: cls.env.ref(f"omni_stock_report.alert_rule_{kind}")
            for kind in ("negative_stock", "unusual_adjustment", "late_receipt",
                         "count_variance", "excess_return")
        }
        cls.rule["count_variance"].min_value = 100
        cls.rule["unusual_adjustment"].write({"min_history": 5, "min_count": 50})

    def scan(self, kind):
        self.Alert.with_user(self.manager).scan(kinds=[kind], companies=self.company)
        return self.Alert.search([("kind", "=", kind), ("company_id", "=", self.company.id)])

    def mine(self, alerts, **values):
        return alerts.filtered(lambda a: all(a[k] == v for k, v in values.items()))

    def test_negative_stock_once_then_resolved_and_raised_again(self):
        self.put(self.stock, 3)
        self.assertFalse(self.mine(self.scan("negative_stock"), product_id=self.tee))
        self.put(self.store_stock, -2)
        alert = self.mine(self.scan("negative_stock"), product_id=self.tee)
        self.assertEqual(len(alert), 1)
        self.assertEqual(alert.location_id, self.store_stock)
        self.assertEqual(alert.record_ref._name, "stock.quant")
        self.assertIn("-2.00", alert.figure)
        self.assertTrue(alert.activity_ids, "inventory managers get an activity")
        self.assertIn(self.manager, alert.activity_ids.user_id)
        self.assertEqual(len(self.mine(self.scan("negative_stock"), product_id=self.tee)), 1)
        self.put(self.store_stock, 2)
        self.scan("negative_stock")
        self.assertEqual(alert.state, "resolved")
        self.assertFalse(alert.activity_ids)
        self.put(self.store_stock, -1)
        alerts = self.mine(self.scan("negative_stock"), product_id=self.tee)
        self.assertEqual(len(alerts), 2, "a new occurrence is a new cause")

    def test_unusual_adjustment_value(self):
        self.put(self.store_stock, 100)
        for counted in range(99, 93, -1):  # six adjustments of one unit (value 10)
            self.count(self.store_stock, counted, self.reason_count)
        self.assertFalse(self.mine(self.scan("unusual_adjustment"), warehouse_id=self.store))
        self.count(self.store_stock, 74, self.reason_count)  # 20 units: value 200
        alert = self.mine(self.scan("unusual_adjustment"), warehouse_id=self.store)
        self.assertEqual(len(alert), 1)
        self.assertIn("20.0×", alert.figure)
        self.assertNotIn("200.00", alert.figure)  # amounts are finance's
        self.assertIn("value 200.00", alert.value_figure)
        self.assertEqual(alert.record_ref._name, "omni.stock.adjustment.log")
        self.assertEqual(alert.record_ref.quantity_delta, -20)
        self.assertIn(self.approver, alert.activity_ids.user_id, "approvers are told")
        self.assertEqual(len(self.mine(self.scan("unusual_adjustment"),
                                       warehouse_id=self.store)), 1)

    def test_unusual_adjustment_frequency(self):
        self.rule["unusual_adjustment"].write({"min_count": 4, "min_value": 1000})
        self.put(self.store_stock, 100)
        for counted in range(99, 94, -1):  # five adjustments, moved into the past
            self.count(self.store_stock, counted, self.reason_count)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE omni_stock_adjustment_log SET date = date - interval '20 days'"
            " WHERE product_id = %s", [self.tee.id])
        for counted in range(94, 91, -1):  # three today: not unusual (minimum four)
            self.count(self.store_stock, counted, self.reason_count)
        self.assertFalse(self.mine(self.scan("unusual_adjustment"),
                                   name=f"Unusual number of adjustments by {self.clerk.name}"))
        self.count(self.store_stock, 90, self.reason_count)
        alerts = self.scan("unusual_adjustment")
        alert = self.mine(alerts, name=f"Unusual number of adjustments by {self.clerk.name}")
        self.assertEqual(len(alert), 1)
        self.assertIn("4 adjustments", alert.figure)
        self.assertIn("0.06 a day", alert.figure)

    def test_late_receipt(self):
        receipt_type = self.warehouse.in_type_id

        def receipt(days):
            picking = self.env["stock.picking"].create({
                "picking_type_id": receipt_type.id, "location_id": self.suppliers.id,
                "location_dest_id": self.stock.id,
                "scheduled_date": fields.Datetime.now() + timedelta(days=days),
                "move_ids": [fields.Command.create({
                    "name": "in", "product_id": self.tee.id, "product_uom_qty": 5,
                    "location_id": self.suppliers.id, "location_dest_id": self.stock.id})],
            })
            picking.action_confirm()
            return picking

        late, on_time = receipt(-3), receipt(2)
        alerts = self.scan("late_receipt")
        self.assertEqual(len(self.mine(alerts, res_id=late.id)), 1)
        self.assertFalse(self.mine(alerts, res_id=on_time.id))
        self.assertIn("3 days late", self.mine(alerts, res_id=late.id).figure)
        self.assertEqual(len(self.mine(self.scan("late_receipt"), res_id=late.id)), 1)
        late.move_ids.quantity = 5
        late.move_ids.picked = True
        late._action_done()
        self.scan("late_receipt")
        self.assertEqual(self.mine(alerts, res_id=late.id).state, "resolved")

    def test_count_variance(self):
        self.put(self.stock, 50)
        self.put(self.store_stock, 50)
        self.count(self.stock, 49, self.reason_count)  # 10: normal
        self.count(self.store_stock, 40, self.reason_count)  # 100: at the threshold
        alerts = self.scan("count_variance")
        self.assertFalse(self.mine(alerts, location_id=self.stock))
        alert = self.mine(alerts, location_id=self.store_stock)
        self.assertEqual(len(alert), 1)
        self.assertIn("100.00", alert.value_figure)
        self.assertEqual(alert.record_ref, self.store_stock)
        self.count(self.store_stock, 39, self.reason_count)
        self.assertEqual(len(self.mine(self.scan("count_variance"),
                                       location_id=self.store_stock)), 1)

    def test_excess_return(self):
        self.put(self.stock, 20)
        order = self.order([(self.tee, 2)])
        delivery = self.deliver(order).move_ids
        self.move_done(self.customers, self.damaged, 1, origin_returned_move_id=delivery.id)
        self.assertFalse(self.mine(self.scan("excess_return"), product_id=self.tee))
        self.move_done(self.customers, self.damaged, 2, origin_returned_move_id=delivery.id)
        alert = self.mine(self.scan("excess_return"), product_id=self.tee)
        self.assertEqual(len(alert), 1)
        self.assertIn("3.00 returned, 2.00 delivered", alert.figure)
        self.assertEqual(len(self.mine(self.scan("excess_return"), product_id=self.tee)), 1)

    def test_acknowledge(self):
        self.put(self.store_stock, -2)
        alert = self.mine(self.scan("negative_stock"), product_id=self.tee)
        with self.assertRaises(UserError):
            alert.with_user(self.ops).action_acknowledge("  ")
        with self.assertRaises(AccessError):
            alert.with_user(self.clerk).action_acknowledge("seen")
        with self.assertRaises(AccessError):
            alert.with_user(self.ops).write({"state": "acknowledged"})
        wizard = self.env["omni.stock.alert.ack"].with_user(self.ops).with_context(
            active_model="omni.stock.alert", active_ids=alert.ids).create(
            {"note": "Sold before the receipt was booked"})
        wizard.action_confirm()
        self.assertEqual(alert.state, "acknowledged")
        self.assertEqual(alert.ack_user_id, self.ops)
        self.assertFalse(alert.activity_ids)
        self.assertEqual(len(self.mine(self.scan("negative_stock"), product_id=self.tee)), 1,
                         "an acknowledged cause is not raised again")
        with self.assertRaises(UserError):
            alert.with_user(self.ops).action_acknowledge("again")

    def test_scan_needs_inventory_manager(self):
        with self.assertRaises(AccessError):
            self.Alert.with_user(self.ops).scan()
