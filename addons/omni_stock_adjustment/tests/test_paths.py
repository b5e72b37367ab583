from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import AdjustmentCase

# context keys an RPC client might send hoping to skip the checks
BYPASS_CTX = {
    "inventory_mode": True,
    "omni_skip_adjustment_check": True,
    "skip_reason": True,
    "disable_adjustment_check": True,
    "omni_adjustment_source": "system",
    "set_inventory_quantity_auto_apply": True,
    "import_file": False,
}


@tagged("post_install", "-at_install")
class TestUpdateQuantityWizard(AdjustmentCase):
    def _wizard(self, qty, reason=None, note=None, user=None):
        wizard = (
            self.env["stock.change.product.qty"]
            .with_user(user or self.user)
            .create(
                {
                    "product_id": self.product.id,
                    "product_tmpl_id": self.product.product_tmpl_id.id,
                    "new_quantity": qty,
                    "omni_reason_id": reason and reason.id,
                    "omni_reason_note": note,
                }
            )
        )
        return wizard.change_product_qty()

    def test_no_reason_refused(self):
        self.assertRefused("reason is required", self._wizard, 25)

    def test_small_applied_and_logged(self):
        self._wizard(17, self.reason)
        self.assertEqual(self.qty(), 17)
        self.assertRecordValues(
            self.logs(),
            [
                {
                    "event": "applied",
                    "quantity_delta": -3,
                    "source": "wizard",
                    "requester_id": self.user.id,
                }
            ],
        )

    def test_large_request_approve_and_reject(self):
        self._wizard(45, self.reason)
        self.assertEqual(self.qty(), 20)
        request = self.requests()
        self.assertEqual(request.source, "wizard")
        self.assertFalse(self.quant().inventory_quantity_set)
        with self.assertRaises(AccessError):
            request.with_user(self.user).action_approve()
        request.with_user(self.approver2).action_approve()
        self.assertEqual(self.qty(), 45)
        self._wizard(0, self.reason)
        second = self.requests() - request
        second.with_user(self.approver).action_reject("keep it")
        self.assertEqual(self.qty(), 45)
        self.assertEqual(self.logs("rejected").request_id, second)

    def test_negative_and_missing_note_refused(self):
        with self.assertRaises(UserError):
            self._wizard(-5, self.reason)
        with self.assertRaises(ValidationError):
            self._wizard(22, self.reason_note)
        self.assertNothingWritten()


@tagged("post_install", "-at_install")
class TestImport(AdjustmentCase):
    FIELDS = ["product_id/.id", "location_id/.id", "inventory_quantity", "omni_reason_id/.id"]

    def _import(self, qty, reason=None, note=None):
        fields = list(self.FIELDS)
        row = [str(self.product.id), str(self.stock.id), str(qty), str(reason.id) if reason else ""]
        if note is not None:
            fields.append("omni_reason_note")
            row.append(note)
        return (
            self.env["stock.quant"]
            .with_user(self.user)
            .with_context(import_file=True)
            .load(fields, [row])
        )

    def test_import_without_reason_refused(self):
        result = self._import(25)
        self.assertFalse(result["ids"])
        self.assertIn("reason is required", result["messages"][0]["message"])
        self.assertFalse(self.quant().inventory_quantity_set)
        self.assertNothingWritten()

    def test_import_with_missing_note_refused(self):
        result = self._import(25, self.reason_note)
        self.assertFalse(result["ids"])
        self.assertIn("requires a note", result["messages"][0]["message"])
        self.assertNothingWritten()

    def test_import_small_then_apply(self):
        result = self._import(23, self.reason_note, note="pallet found")
        self.assertTrue(result["ids"], result["messages"])
        quant = self.quant()
        self.assertEqual(quant.omni_reason_id, self.reason_note)
        self.assertEqual(quant.omni_source, "import")
        self.assertEqual(self.qty(), 20)
        quant.with_user(self.user).action_apply_inventory()
        self.assertEqual(self.qty(), 23)
        self.assertRecordValues(
            self.logs(),
            [
                {
                    "source": "import",
                    "quantity_delta": 3,
                    "note": "pallet found",
                    "reason_id": self.reason_note.id,
                }
            ],
        )

    def test_import_large_then_request(self):
        self.assertTrue(self._import(100, self.reason)["ids"])
        self.quant().with_user(self.user).action_apply_inventory()
        self.assertEqual(self.qty(), 20)
        request = self.requests()
        self.assertEqual(request.source, "import")
        request.with_user(self.approver).action_reject("typo")
        self.assertEqual(self.qty(), 20)
        self.assertTrue(self.logs("rejected"))


@tagged("post_install", "-at_install")
class TestScrap(AdjustmentCase):
    def test_scrap_without_reason_refused(self):
        scrap = self.scrap(3)
        with self.assertRaisesRegex(UserError, "reason is required"):
            scrap.action_validate()
        with self.assertRaisesRegex(UserError, "reason is required"):
            scrap.do_scrap()
        self.assertEqual(scrap.state, "draft")
        self.assertNothingWritten()

    def test_small_scrap_applied_and_logged(self):
        scrap = self.scrap(3, self.reason)
        scrap.action_validate()
        self.assertEqual(scrap.state, "done")
        self.assertEqual(self.qty(), 17)
        self.assertRecordValues(
            self.logs(),
            [
                {
                    "event": "applied",
                    "source": "scrap",
                    "quantity_before": 20,
                    "quantity_after": 17,
                    "quantity_delta": -3,
                    "scrap_id": scrap.id,
                }
            ],
        )

    def test_large_scrap_waits_for_approval(self):
        scrap = self.scrap(15, self.reason)
        scrap.action_validate()
        self.assertEqual(scrap.state, "draft")
        self.assertEqual(self.qty(), 20)
        request = self.requests()
        self.assertRecordValues(
            request,
            [
                {
                    "scrap_id": scrap.id,
                    "quantity_delta": -15,
                    "state": "to_approve",
                    "source": "scrap",
                }
            ],
        )
        with self.assertRaisesRegex(UserError, "waiting for approval"):
            scrap.do_scrap()
        with self.assertRaises(AccessError):
            request.with_user(self.user).action_approve()
        request.with_user(self.approver).action_approve()
        self.assertEqual(scrap.state, "done")
        self.assertEqual(self.qty(), 5)
        self.assertEqual(self.logs("applied").approver_id, self.approver)

    def test_large_scrap_rejected(self):
        scrap = self.scrap(15, self.reason)
        scrap.action_validate()
        self.requests().with_user(self.approver).action_reject("not damaged")
        self.assertEqual(scrap.state, "draft")
        self.assertEqual(self.qty(), 20)
        self.assertEqual(self.logs("rejected").scrap_id, scrap)

    def test_bad_scrap_input_refused(self):
        with self.assertRaisesRegex(UserError, "positive"):
            self.scrap(-2, self.reason).do_scrap()
        with self.assertRaises(ValidationError):
            self.scrap(2, self.reason_note).do_scrap()
        self.assertNothingWritten()


@tagged("post_install", "-at_install")
class TestDirectRpc(AdjustmentCase):
    def test_quantity_write_needs_reason_whatever_the_context(self):
        quant = self.quant().with_user(self.user).with_context(**BYPASS_CTX)
        with self.assertRaisesRegex(UserError, "reason is required"):
            quant.write({"quantity": 25})
        with self.assertRaisesRegex(UserError, "reason is required"):
            quant.write({"inventory_quantity": 25})
            quant.action_apply_inventory()
        # the "On Hand" inline edit of managers goes through the same check
        with self.assertRaisesRegex(UserError, "reason is required"):
            quant.with_user(self.manager).write({"inventory_quantity_auto_apply": 25})
        self.assertNothingWritten()

    def test_quant_create_with_quantity_needs_reason(self):
        shelf = self.env["stock.location"].create(
            {"name": "Adj shelf", "location_id": self.stock.id}
        )
        Quant = self.env["stock.quant"].with_user(self.user).with_context(**BYPASS_CTX)
        with self.assertRaisesRegex(UserError, "reason is required"):
            Quant.create({"product_id": self.product.id, "location_id": shelf.id, "quantity": 5})
        self.assertEqual(self.qty(shelf), 0)
        Quant.with_context(omni_adjustment_reason_id=self.reason.id).create(
            {"product_id": self.product.id, "location_id": shelf.id, "quantity": 5}
        )
        self.assertEqual(self.qty(shelf), 5)
        self.assertEqual(self.logs().source, "api")

    def test_context_reason_is_validated(self):
        quant = self.quant().with_user(self.user)
        for bad in (999999, "abc", self.reason_note.id):
            with self.assertRaises(ValidationError):
                quant.with_context(omni_adjustment_reason_id=bad).write({"quantity": 25})
        self.assertNothingWritten()

    def test_quantity_write_small_and_large(self):
        quant = (
            self.quant().with_user(self.user).with_context(omni_adjustment_reason_id=self.reason.id)
        )
        quant.write({"quantity": 28})
        self.assertEqual(self.qty(), 28)
        self.assertEqual(self.logs().source, "api")
        quant.write({"quantity": 0})
        self.assertEqual(self.qty(), 28)
        request = self.requests()
        self.assertEqual(request.quantity_delta, -28)
        request.with_user(self.approver).action_approve()
        self.assertEqual(self.qty(), 0)

    def test_tampered_difference_is_ignored(self):
        quant = self.quant().with_user(self.user).with_context(inventory_mode=True)
        quant.write(
            {
                "inventory_quantity": 21,
                "inventory_diff_quantity": 500,
                "omni_reason_id": self.reason.id,
            }
        )
        quant.action_apply_inventory()
        self.assertEqual(self.qty(), 21)

    def test_inventory_location_picking_refused(self):
        inventory_loss = self.product.property_stock_inventory
        move = (
            self.env["stock.move"]
            .with_user(self.user)
            .create(
                {
                    "name": "sneaky",
                    "product_id": self.product.id,
                    "product_uom_qty": 50,
                    "location_id": inventory_loss.id,
                    "location_dest_id": self.stock.id,
                }
            )
        )
        move._action_confirm()
        move.quantity = 50
        move.picked = True
        with self.assertRaisesRegex(UserError, "stock adjustments"):
            move.with_context(**BYPASS_CTX)._action_done()
        self.assertEqual(self.qty(), 20)

    def test_done_move_line_edit_refused(self):
        customer = self.env.ref("stock.stock_location_customers")
        move = self.env["stock.move"].create(
            {
                "name": "out",
                "product_id": self.product.id,
                "product_uom_qty": 2,
                "location_id": self.stock.id,
                "location_dest_id": customer.id,
            }
        )
        move._action_confirm()
        move._action_assign()
        move.picked = True
        move._action_done()
        self.assertEqual(self.qty(), 18)
        with self.assertRaisesRegex(UserError, "cannot be edited"):
            move.move_line_ids.with_user(self.user).write({"quantity": 1})
        self.assertEqual(self.qty(), 18)
