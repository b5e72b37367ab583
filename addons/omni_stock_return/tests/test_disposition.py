from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ReturnCase


@tagged("post_install", "-at_install")
class TestDisposition(ReturnCase):
    def _inspect(self, rma, grade, disposition=None, note=None):
        rma.write({"grade_id": self.grades[grade].id,
                   "disposition": disposition or self.grades[grade].disposition,
                   "disposition_note": note})
        rma.action_inspect()
        return rma

    def test_checklist_of_category_and_override_note(self):
        self.env["omni.stock.return.checklist.item"].create([
            {"categ_id": self.categ.id, "name": "Tags attached"},
            {"categ_id": self.categ.id, "name": "No stains"},
        ])
        rma = self._received(1)
        self.assertEqual(rma.check_ids.mapped("name"), ["Tags attached", "No stains"])
        rma.check_ids[0].passed = True
        rma.grade_id = self.grades["A"]
        rma.disposition = "scrap"
        with self.assertRaisesRegex(UserError, "say why"):
            rma.action_inspect()
        rma.disposition_note = "Smells of smoke"
        rma.action_inspect()
        self.assertEqual(rma.state, "inspected")
        self.assertEqual(rma.inspector_id, self.inspector)
        self.assertTrue(rma.inspection_date)
        with self.assertRaises(UserError):
            rma.check_ids[1].passed = True

    def test_resell_makes_it_sellable(self):
        rma = self._inspect(self._received(2), "A")
        ats = self._ats(self.channel)["ats"]
        self.assertEqual(ats, 7, "inspected is still not sellable")
        rma.action_dispose()
        self.assertEqual(rma.state, "disposed")
        self.assertEqual(self.qty(self.inspection), 0)
        self.assertEqual(self.qty(self.stock), 9)
        self.assertEqual(self._ats(self.channel)["ats"], 9)
        self.assertEqual(rma.transfer_ids.location_dest_id, self.stock)
        self.assertEqual(rma.transfer_ids.state, "done")
        self.assertTrue(rma.resold_date)

    def test_refurbish_then_resell_or_scrap(self):
        rma = self._inspect(self._received(1), "C")
        rma.action_dispose()
        self.assertEqual(rma.state, "refurbishing")
        self.assertEqual(self.qty(self.refurbish), 1)
        self.assertEqual(self._ats(self.channel)["ats"], 7)
        rma.action_refurbish_resell()
        self.assertEqual(rma.state, "disposed")
        self.assertEqual(self.qty(self.refurbish), 0)
        self.assertEqual(self.qty(self.stock), 8)
        other = self._inspect(self._received(1), "C")
        other.action_dispose()
        other.action_refurbish_scrap()
        self.assertEqual(other.scrap_id.state, "done")
        self.assertEqual(other.scrap_id.location_id, self.refurbish)
        self.assertEqual(self.qty(self.refurbish), 0)

    def test_return_to_vendor(self):
        vendor = self.env["res.partner"].create({"name": "Tee Maker"})
        self.env["product.supplierinfo"].create({
            "partner_id": vendor.id, "product_tmpl_id": self.product.product_tmpl_id.id})
        rma = self._inspect(self._received(1), "C", "vendor", "Defect under warranty")
        rma.action_dispose()
        picking = rma.transfer_ids
        self.assertEqual(picking.partner_id, vendor)
        self.assertEqual(picking.location_dest_id.usage, "supplier")
        self.assertEqual(picking.picking_type_id, self.warehouse.out_type_id)
        self.assertIn(rma.name, picking.origin)
        self.assertEqual(picking.move_ids.location_id, self.inspection)
        self.assertEqual(picking.state, "assigned")
        picking.move_ids.picked = True
        picking._action_done()
        self.assertEqual(self.qty(self.inspection), 0)

    def test_vendor_needed(self):
        rma = self._inspect(self._received(1), "C", "vendor", "Defect")
        with self.assertRaisesRegex(UserError, "no vendor"):
            rma.action_dispose()
        self.assertEqual(rma.state, "inspected")

    def test_scrap_through_reason_codes(self):
        rma = self._inspect(self._received(1), "D")
        rma.action_dispose()
        scrap = rma.scrap_id
        self.assertEqual(scrap.state, "done")
        self.assertEqual(scrap.omni_reason_id, self.env.ref("omni_stock_adjustment.reason_damage"))
        self.assertEqual(self.qty(self.inspection), 0)
        self.assertTrue(self.env["omni.stock.adjustment.log"].search([("scrap_id", "=", scrap.id)]))

    def test_scrap_above_threshold_waits_for_approval(self):
        self.company.write({"omni_adj_threshold_qty": 1, "omni_adj_threshold_value": 0})
        rma = self._inspect(self._received(2), "D")
        rma.action_dispose()
        scrap = rma.scrap_id
        self.assertEqual(scrap.state, "draft")
        self.assertTrue(scrap.omni_waiting_approval)
        self.assertEqual(self.qty(self.inspection), 2, "nothing scrapped before approval")

    def test_phone_inspection_ticks_the_checklist_and_keeps_a_photo(self):
        self.env["omni.stock.return.checklist.item"].create([
            {"categ_id": self.categ.id, "name": "Tags attached"},
            {"categ_id": self.categ.id, "name": "No stains"},
        ])
        rma = self._received(1)
        Inspect = self.env["omni.stock.return.inspect"].with_user(self.inspector)
        wizard = Inspect.create({"return_id": rma.id})
        self.assertEqual(wizard.check_ids.mapped("name"), ["Tags attached", "No stains"])
        photo = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGA"
                 "hKmMIQAAAABJRU5ErkJggg==")
        wizard.write({
            "grade_id": self.grades["A"].id, "disposition": "resell", "photo": photo,
            "check_ids": [Command.update(wizard.check_ids[0].id, {"passed": True})],
        })
        wizard.action_done()
        self.assertEqual(rma.check_ids.mapped("passed"), [True, False])
        photos = self.env["ir.attachment"].search(
            [("res_model", "=", "omni.stock.return"), ("res_id", "=", rma.id)])
        self.assertEqual(len(photos), 1)
        self.assertIn(rma.name, photos.name)
        self.assertEqual(rma.state, "disposed")

    def test_scan_product_finds_oldest_awaiting_return(self):
        first, _second = self._received(1), self._received(1)
        Inspect = self.env["omni.stock.return.inspect"].with_user(self.inspector)
        self.assertEqual(Inspect._find_return("OMNI-TEE"), first)
        self.assertEqual(Inspect._find_return(_second.name), _second)
        self.assertFalse(Inspect._find_return("NOPE"))
        wizard = Inspect.create({"return_id": first.id, "grade_id": self.grades["D"].id,
                                 "disposition": "scrap"})
        wizard.action_done()
        self.assertEqual(first.state, "disposed")
        self.assertEqual(first.scrap_id.state, "done")
