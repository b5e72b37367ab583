"""No unreasoned stock change, on any path (one test per reproduced case).

Every case runs as the plain Inventory User (``stock.group_stock_user`` only),
and as the approver where the case is about approving.
"""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import AdjustmentCase
from .test_paths import BYPASS_CTX


@tagged("post_install", "-at_install")
class TestMoveLineIntegrity(AdjustmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.internal = cls.warehouse.int_type_id
        cls.receipt = cls.warehouse.in_type_id

    def test_case1_line_locations_are_checked_not_only_the_move(self):
        """An internal transfer WH/Stock -> WH/Stock whose line is pointed at the
        inventory-loss location (as destination or as source) is refused."""
        for field in ("location_dest_id", "location_id"):
            with self.subTest(field=field):
                picking = self.picking(self.internal, self.stock, self.stock, 5)
                picking.move_line_ids.with_user(self.user).write({field: self.loss.id})
                with self.assertRaisesRegex(UserError, "stock adjustments"):
                    self.validate(picking.with_user(self.user))
                self.assertEqual(self.qty(), 20)
                self.assertNotEqual(picking.state, "done")

    def test_case1_line_moves_the_quantity_it_shows(self):
        """A line's quantity in the product's unit is Odoo's to compute: written
        by hand, validating a line of 5 would move 15."""
        picking = self.picking(self.warehouse.out_type_id, self.stock, self.customer, 5)
        with self.assertRaisesRegex(UserError, "cannot be edited"):
            picking.move_line_ids.with_user(self.user).write({"quantity_product_uom": 15})
        self.validate(picking.with_user(self.user))
        self.assertEqual(self.qty(), 15)

    def test_case2_line_added_to_a_done_transfer_refused(self):
        """A move line created with only the picking of a done transfer would make
        Odoo create a done move and change quants at once."""
        shelf = self.env["stock.location"].create({"name": "Shelf", "location_id": self.stock.id})
        picking = self.picking(self.internal, self.stock, shelf, 2)
        self.validate(picking.with_user(self.user))
        self.assertEqual(picking.state, "done")
        MoveLine = self.env["stock.move.line"].with_user(self.user).with_context(**BYPASS_CTX)
        for source in (self.loss, self.stock):
            with self.subTest(source=source.name):
                with self.assertRaisesRegex(UserError, "cannot be edited"):
                    MoveLine.create(
                        {
                            "picking_id": picking.id,
                            "product_id": self.product.id,
                            "product_uom_id": self.product.uom_id.id,
                            "quantity": 1000,
                            "location_id": source.id,
                            "location_dest_id": shelf.id,
                        }
                    )
        self.assertEqual(self.qty(shelf), 2)
        self.assertEqual(self.qty(), 18)
        self.assertEqual(len(picking.move_ids), 1)

    def test_case7_receipt_from_production_is_an_adjustment(self):
        """Production (no manufacturing here) and every other counterparty-less
        virtual location are adjustment locations, like inventory loss."""
        for source in (self.production, self.loss):
            with self.subTest(source=source.name):
                picking = self.picking(self.receipt, source, self.stock, 500)
                with self.assertRaisesRegex(UserError, "stock adjustments"):
                    self.validate(picking.with_user(self.user))
                self.assertEqual(self.qty(), 20)
        # a receipt from a vendor is an ordinary operation
        picking = self.picking(self.receipt, self.supplier, self.stock, 5)
        self.validate(picking.with_user(self.user))
        self.assertEqual(self.qty(), 25)

    def test_case8_no_done_move_created_directly(self):
        """A move created already done (e.g. dated in the locked period) is refused:
        moves are done only by validating them."""
        today = fields.Date.today()
        self.company.with_user(self.manager).omni_set_stock_lock_date(today - timedelta(days=5))
        Move = self.env["stock.move"].with_user(self.user).with_context(**BYPASS_CTX)
        with self.assertRaisesRegex(UserError, "cannot be edited"):
            Move.create(
                {
                    "name": "backdated",
                    "product_id": self.product.id,
                    "product_uom_qty": 5,
                    "product_uom": self.product.uom_id.id,
                    "location_id": self.stock.id,
                    "location_dest_id": self.customer.id,
                    "state": "done",
                    "date": fields.Datetime.now() - timedelta(days=10),
                }
            )
        self.assertFalse(
            self.env["stock.move"].search(
                [("product_id", "=", self.product.id), ("state", "=", "done")]
            )
        )

    def test_case8_done_line_and_move_dates_are_immutable(self):
        picking = self.picking(self.env.ref("stock.picking_type_out"), self.stock, self.customer, 2)
        self.validate(picking.with_user(self.user))
        line = picking.move_line_ids.with_user(self.user)
        move = picking.move_ids.with_user(self.user)
        date = line.date
        past = fields.Datetime.now() - timedelta(days=10)
        with self.assertRaisesRegex(UserError, "cannot be edited"):
            line.write({"date": past})
        with self.assertRaisesRegex(UserError, "cannot be edited"):
            move.write({"date": past})
        self.assertEqual(line.date, date)

    def test_done_operations_cannot_be_reopened_or_relinked(self):
        """Writing a done move's state back, or moving its line onto an open move,
        would move the same stock twice."""
        done = self.picking(self.env.ref("stock.picking_type_out"), self.stock, self.customer, 2)
        self.validate(done.with_user(self.user))
        open_picking = self.picking(self.internal, self.stock, self.stock, 1)
        with self.assertRaisesRegex(UserError, "cannot be edited"):
            done.move_ids.with_user(self.user).write({"state": "assigned"})
        with self.assertRaisesRegex(UserError, "cannot be edited"):
            done.move_line_ids.with_user(self.user).write({"move_id": open_picking.move_ids.id})
        with self.assertRaisesRegex(UserError, "cannot be edited"):
            open_picking.move_ids.with_user(self.user).write({"state": "done"})
        with self.assertRaisesRegex(UserError, "cannot be edited"):
            open_picking.move_line_ids.with_user(self.user).write({"move_id": done.move_ids.id})
        self.assertEqual(self.qty(), 18)
        self.assertEqual(done.move_ids.state, "done")


@tagged("post_install", "-at_install")
class TestQuantIntegrity(AdjustmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.expensive = cls.env["product.product"].create(
            {"name": "Adj Coat", "is_storable": True, "standard_price": 900.0}
        )
        cls.shelf = cls.env["stock.location"].create({"name": "Shelf", "location_id": cls.stock.id})
        cls.lot_product = cls.env["product.product"].create(
            {"name": "Adj Lot Tee", "is_storable": True, "tracking": "lot"}
        )
        cls.lot = cls.env["stock.lot"].create({"name": "ADJ-L1", "product_id": cls.product.id})
        cls.package = cls.env["stock.quant.package"].create({"name": "ADJ-PACK"})
        cls.owner = cls.env["res.partner"].create({"name": "Consignor"})

    def test_case3_quant_identity_and_reservation_not_writable(self):
        quant = self.quant()
        changes = {
            "product_id": self.expensive.id,
            "location_id": self.shelf.id,
            "lot_id": self.lot.id,
            "package_id": self.package.id,
            "owner_id": self.owner.id,
            "reserved_quantity": 15,
        }
        for ctx in ({}, BYPASS_CTX):
            for field, value in changes.items():
                with self.subTest(field=field, ctx=bool(ctx)):
                    with self.assertRaisesRegex(UserError, "cannot be changed"):
                        quant.with_user(self.user).with_context(**ctx).write({field: value})
        # nor through the one2many of a package, a location or a product
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            self.package.with_user(self.user).write({"quant_ids": [Command.link(quant.id)]})
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            self.shelf.with_user(self.user).write({"quant_ids": [Command.link(quant.id)]})
        # nor by creating a quant that claims a reservation
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            self.env["stock.quant"].with_user(self.user).create(
                {
                    "product_id": self.product.id,
                    "location_id": self.shelf.id,
                    "reserved_quantity": 5,
                }
            )
        self.assertRecordValues(
            quant,
            [
                {
                    "product_id": self.product.id,
                    "location_id": self.stock.id,
                    "lot_id": False,
                    "package_id": False,
                    "owner_id": False,
                    "reserved_quantity": 0,
                    "quantity": 20,
                }
            ],
        )
        self.assertEqual(self.qty(product=self.expensive), 0)
        self.assertNothingWritten()

    def test_case3_odoo_stock_flows_still_work(self):
        """Odoo's own flows write quant identity and reservations legitimately:
        receipt, delivery with reservation, put in pack, package relocation,
        lot-tracked receipt and count, quant relocation, quant maintenance."""
        user = self.user
        wh = self.warehouse
        # receipt
        receipt = self.picking(wh.in_type_id, self.supplier, self.stock, 10)
        self.validate(receipt.with_user(user))
        self.assertEqual(self.qty(), 30)
        # delivery with reservation, unreserve and reserve again
        delivery = self.picking(wh.out_type_id, self.stock, self.customer, 4)
        self.assertEqual(self.quant().reserved_quantity, 4)
        delivery.with_user(user).do_unreserve()
        self.assertEqual(self.quant().reserved_quantity, 0)
        delivery.with_user(user).action_assign()
        self.assertEqual(self.quant().reserved_quantity, 4)
        self.validate(delivery.with_user(user))
        self.assertEqual(self.qty(), 26)
        self.assertEqual(self.quant().reserved_quantity, 0)
        # put in pack, then relocate the package and unpack it
        internal = self.picking(wh.int_type_id, self.stock, self.shelf, 6)
        internal.move_ids.with_user(user).write({"quantity": 6, "picked": True})
        internal.with_user(user).action_put_in_pack()
        package = internal.move_line_ids.result_package_id
        self.assertTrue(package)
        internal.with_user(user).button_validate()
        packed = self.env["stock.quant"].search(
            [("product_id", "=", self.product.id), ("package_id", "=", package.id)]
        )
        self.assertRecordValues(packed, [{"location_id": self.shelf.id, "quantity": 6}])
        bin_ = self.env["stock.location"].create({"name": "Bin", "location_id": self.stock.id})
        package.with_user(user).write({"location_id": bin_.id})
        self.assertEqual(self.qty(bin_), 6)
        package.with_user(user).unpack()
        self.assertEqual(self.qty(bin_), 6)
        # quant relocation wizard (inventory managers)
        quant = self.env["stock.quant"]._gather(self.product, bin_, strict=True)
        self.env["stock.quant.relocate"].with_user(self.manager).create(
            {"quant_ids": [Command.set(quant.ids)], "dest_location_id": self.shelf.id}
        ).action_relocate_quants()
        self.assertEqual(self.qty(self.shelf), 6)
        # lot-tracked receipt, then a count of a new lot in inventory mode
        receipt = self.picking(
            wh.in_type_id, self.supplier, self.stock, 5, product=self.lot_product
        )
        receipt.move_ids.move_line_ids.with_user(user).write({"lot_name": "RCV-1", "quantity": 5})
        receipt.move_ids.picked = True
        receipt.with_user(user).button_validate()
        self.assertEqual(self.qty(product=self.lot_product), 5)
        new_lot = (
            self.env["stock.lot"]
            .with_user(user)
            .create({"name": "CNT-1", "product_id": self.lot_product.id})
        )
        counted = (
            self.env["stock.quant"]
            .with_user(user)
            .with_context(inventory_mode=True)
            .create(
                {
                    "product_id": self.lot_product.id,
                    "location_id": self.stock.id,
                    "lot_id": new_lot.id,
                    "inventory_quantity": 3,
                    "omni_reason_id": self.reason.id,
                }
            )
        )
        counted.action_apply_inventory()
        self.assertEqual(counted.lot_id, new_lot)
        self.assertEqual(self.qty(product=self.lot_product), 8)
        # quant maintenance (merge, reservation clean-up) as run by the inventory list
        self.env["stock.quant"].with_user(user).action_view_inventory()
        self.assertEqual(self.qty(), 20)


@tagged("post_install", "-at_install")
class TestRequestIntegrity(AdjustmentCase):
    def test_case4_scrap_is_frozen_while_waiting_for_approval(self):
        scrap = self.scrap(11, self.reason)
        scrap.action_validate()
        request = self.requests()
        self.assertEqual(request.quantity_delta, -11)
        for user in (self.user, self.approver):
            with self.assertRaisesRegex(UserError, "waiting for approval"):
                scrap.with_user(user).write({"scrap_qty": 90})
        with self.assertRaisesRegex(UserError, "waiting for approval"):
            scrap.with_user(self.user).write({"location_id": self.loss.id})
        request.with_user(self.approver).action_approve()
        self.assertEqual(scrap.state, "done")
        self.assertEqual(scrap.scrap_qty, 11)
        self.assertEqual(self.qty(), 9)
        self.assertEqual(self.logs("applied").quantity_delta, -11)

    def test_case4_approval_refused_when_scrap_differs(self):
        scrap = self.scrap(11, self.reason)
        scrap.action_validate()
        request = self.requests()
        # changed behind the ORM's back: the approval must not apply it
        self.env.cr.execute("UPDATE stock_scrap SET scrap_qty = 90 WHERE id = %s", [scrap.id])
        scrap.invalidate_recordset()
        with self.assertRaisesRegex(UserError, "differs"):
            request.with_user(self.approver).action_approve()
        self.assertEqual(self.qty(), 20)
        self.assertEqual(scrap.state, "draft")
        self.assertEqual(request.state, "to_approve")

    def test_case5_counter_cannot_approve_own_count(self):
        """The approver counts, a plain user applies: the approver may not
        approve his own count."""
        quant = self.quant().with_context(inventory_mode=True)
        quant.with_user(self.approver).write(
            {"inventory_quantity": 50, "omni_reason_id": self.reason.id}
        )
        quant.with_user(self.user).action_apply_inventory()
        request = self.requests()
        self.assertEqual(request.requester_id, self.user)
        self.assertIn(self.approver, request.counter_ids)
        self.assertNotIn(self.approver, request.activity_ids.user_id)
        with self.assertRaisesRegex(UserError, "your own"):
            request.with_user(self.approver).action_approve()
        self.assertEqual(self.qty(), 20)
        request.with_user(self.approver2).action_approve()
        self.assertEqual(self.qty(), 50)
        self.assertIn(self.approver, self.logs("applied").counter_ids)

    def test_case5_applier_cannot_approve_and_counters_cannot_be_forged(self):
        quant = self.quant().with_context(inventory_mode=True)
        quant.with_user(self.user).write(
            {"inventory_quantity": 50, "omni_reason_id": self.reason.id}
        )
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            quant.with_user(self.approver).write({"omni_counter_ids": [Command.clear()]})
        quant.with_user(self.approver).action_apply_inventory()
        request = self.requests()
        self.assertEqual(request.requester_id, self.approver)
        self.assertEqual(request.counter_ids, self.user)
        with self.assertRaisesRegex(UserError, "your own"):
            request.with_user(self.approver).action_approve()
        self.assertEqual(self.qty(), 20)

    def test_case5_scrap_entered_by_approver_validated_by_user(self):
        scrap = self.scrap(11, self.reason, user=self.approver)
        scrap.with_user(self.user).action_validate()
        request = self.requests()
        with self.assertRaisesRegex(UserError, "your own"):
            request.with_user(self.approver).action_approve()
        request.with_user(self.approver2).action_approve()
        self.assertEqual(self.qty(), 9)


@tagged("post_install", "-at_install")
class TestRunningTotal(AdjustmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["stock.quant"]._update_available_quantity(cls.product, cls.stock, 80)

    def test_case6_small_changes_add_up_to_an_approval(self):
        """Seven adjustments of -9 with a threshold of 10: the second one already
        brings the day's total to 18 and waits for an approver."""
        self.assertEqual(self.company.omni_adj_window_hours, 24)
        self.count(91, self.reason)
        self.assertEqual(self.qty(), 91)
        self.count(82, self.reason)
        self.assertEqual(self.qty(), 91)
        self.assertEqual(self.requests().quantity_delta, -9)
        # another user has a running total of his own; so has another location
        self.count(82, self.reason, user=self.approver)
        self.assertEqual(self.qty(), 82)
        # scraps count in the same running total
        scrap = self.scrap(2, self.reason, user=self.approver)
        scrap.with_user(self.approver).action_validate()
        self.assertEqual(scrap.state, "draft")
        self.assertEqual(len(self.requests()), 2)

    def test_case6_window_is_configurable_per_warehouse(self):
        self.warehouse.write(
            {
                "omni_adj_override_thresholds": True,
                "omni_adj_threshold_qty": 10,
                "omni_adj_window_hours": 0,
            }
        )
        for counted in (91, 82, 73, 64, 55, 46, 37):
            self.count(counted, self.reason)
        self.assertEqual(self.qty(), 37)
        self.assertFalse(self.requests())

    def test_case6_approved_changes_and_old_ones_do_not_count(self):
        self.count(80, self.reason)  # -20: approved below
        self.requests().with_user(self.approver).action_approve()
        self.count(71, self.reason)  # approved changes were reviewed: not in the total
        self.assertEqual(self.qty(), 71)
        log = self.logs("applied").filtered(lambda entry: not entry.approver_id)
        self.env.cr.execute(
            "UPDATE omni_stock_adjustment_log SET date = date - interval '25 hours' WHERE id = %s",
            [log.id],
        )
        self.Log.invalidate_model()
        self.count(62, self.reason)  # yesterday's -9 is outside the window
        self.assertEqual(self.qty(), 62)


@tagged("post_install", "-at_install")
class TestLocationIntegrity(AdjustmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shelf = cls.env["stock.location"].create({"name": "Shelf", "location_id": cls.stock.id})
        cls.aisle = cls.env["stock.location"].create({"name": "Aisle", "location_id": cls.stock.id})
        cls.bin = cls.env["stock.location"].create({"name": "Bin", "location_id": cls.aisle.id})
        cls.env["stock.quant"]._update_available_quantity(cls.product, cls.shelf, 70)
        cls.env["stock.quant"]._update_available_quantity(cls.product, cls.bin, 5)
        cls.warehouse_b = cls.env["stock.warehouse"].create({"name": "Adj WH B", "code": "ADJB"})

    def test_case9_location_holding_stock_keeps_its_parent(self):
        for location in (self.shelf, self.aisle):  # the aisle holds stock in its bin
            with self.subTest(location=location.name):
                with self.assertRaisesRegex(UserError, "holds stock"):
                    location.with_user(self.user).write(
                        {"location_id": self.warehouse_b.lot_stock_id.id}
                    )
        self.assertEqual(self.shelf.warehouse_id, self.warehouse)
        self.assertEqual(self.bin.warehouse_id, self.warehouse)
        self.assertEqual(self.qty(self.shelf), 70)
        # an empty location can still move
        empty = self.env["stock.location"].create({"name": "Empty", "location_id": self.stock.id})
        empty.with_user(self.user).write({"location_id": self.warehouse_b.lot_stock_id.id})
        self.assertEqual(empty.warehouse_id, self.warehouse_b)

    def test_case9_location_holding_stock_keeps_usage_state_and_warehouse(self):
        attempts = [
            (self.shelf, {"active": False}, {"do_not_check_quant": True}),
            (self.aisle, {"usage": "inventory"}, {}),  # its stock is in its bin
            (self.shelf, {"scrap_location": True}, {}),
            (self.shelf, {"warehouse_id": self.warehouse_b.id}, {}),
            (self.shelf, {"parent_path": self.warehouse_b.lot_stock_id.parent_path}, {}),
        ]
        for location, vals, ctx in attempts:
            with self.subTest(vals=vals):
                with self.assertRaisesRegex(UserError, "holds stock"):
                    location.with_user(self.manager).with_context(**ctx).write(vals)
        # nor does a warehouse holding stock change its view location
        with self.assertRaisesRegex(UserError, "holds stock"):
            self.warehouse.with_user(self.manager).write(
                {"view_location_id": self.warehouse_b.view_location_id.id}
            )
        self.assertTrue(self.shelf.active)
        self.assertEqual(self.aisle.usage, "internal")
        self.assertEqual(self.shelf.warehouse_id, self.warehouse)


@tagged("post_install", "-at_install")
class TestMenus(AdjustmentCase):
    def test_each_role_reaches_what_concerns_it(self):
        menus = {
            "requests": self.env.ref("omni_stock_adjustment.menu_omni_adjustment_request"),
            "log": self.env.ref("omni_stock_adjustment.menu_omni_adjustment_log"),
            "reasons": self.env.ref("omni_stock_adjustment.menu_omni_adjustment_reason"),
        }
        expected = {
            self.user: {"requests", "log"},
            self.approver: {"requests", "log"},
            self.manager: {"requests", "log", "reasons"},
        }
        for user, names in expected.items():
            with self.subTest(user=user.login):
                visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
                self.assertEqual({n for n, menu in menus.items() if menu.id in visible}, names)
                loaded = self.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
                self.assertTrue(menus["requests"].id in loaded, "not in the loaded menus")
