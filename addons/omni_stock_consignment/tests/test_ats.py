from odoo import Command

from .common import ConsignmentCase


class TestConsignmentAts(ConsignmentCase):
    """ATS per channel: an owner's stock only where its agreement sells it."""

    def test_channel_not_allowed_does_not_see_the_owner_stock(self):
        self._put(self.stock, 4)
        self._put(self.stock, 3, owner=self.vendor)
        self.assertEqual(self._ats(self.store)["ats"], 7, "the store sells Atelier Nord")
        self.assertEqual(self._ats(self.channel)["ats"], 4, "the web shop does not")
        self.assertEqual(self._ats(self.channel)["withheld"], 3)
        explanation = self.assertExplained(self.channel)
        withheld = [line for line in explanation.lines if line.kind == "withheld"]
        self.assertEqual(len(withheld), 1)
        self.assertIn("consigned by Atelier Nord: not sold on Test Web",
                      withheld[0].description)
        self.assertEqual(withheld[0].quantity, -3)
        store = self.assertExplained(self.store)
        sellable = [line for line in store.lines if line.kind == "sellable"]
        self.assertIn("of which 3 consigned by Atelier Nord", sellable[0].description)

    def test_owner_without_agreement_is_sold_nowhere(self):
        self._put(self.stock, 2)
        self._put(self.shelf, 5, owner=self.other_vendor)
        for channel in (self.channel, self.store):
            with self.subTest(channel=channel.name):
                self.assertEqual(self._ats(channel)["ats"], 2)
                explanation = self.assertExplained(channel)
                self.assertIn("consigned by Maison Sud: not sold on " + channel.name,
                              " ".join(line.description for line in explanation.lines))

    def test_one_line_per_owner_and_reserved_units_not_withheld_twice(self):
        self._put(self.stock, 6)
        self._put(self.stock, 4, owner=self.vendor)
        self._put(self.stock, 2, owner=self.other_vendor)
        # 3 of Atelier Nord's units reserved by a store order: in "reserved", not withheld
        order = self._order(3)
        order.action_confirm()
        picking = order.picking_ids
        self.assertEqual(self._owned(self.vendor) - sum(
            self.env["stock.quant"].search([("owner_id", "=", self.vendor.id),
                                            ("product_id", "=", self.product.id)])
            .mapped("reserved_quantity")), 1)
        self.assertTrue(picking.move_ids.move_line_ids.owner_id == self.vendor)
        web = self._ats(self.channel)
        # 12 on hand - 3 reserved - (1 + 2) free consigned units = 6 own
        self.assertEqual((web["withheld"], web["ats"]), (3, 6))
        explanation = self.assertExplained(self.channel)
        owners = sorted(line.description for line in explanation.lines
                        if line.kind == "withheld")
        self.assertEqual(len(owners), 2)
        self.assertIn("Atelier Nord", owners[0])
        self.assertIn("Maison Sud", owners[1])

    def test_archived_agreement_or_channel_removed_withdraws_the_stock(self):
        self._put(self.stock, 5, owner=self.vendor)
        self.assertEqual(self._ats(self.store)["ats"], 5)
        self.agreement.channel_ids = [Command.set(self.channel.ids)]
        self.assertEqual(self._ats(self.store)["ats"], 0)
        self.assertEqual(self._ats(self.channel)["ats"], 5)
        self.agreement.active = False
        self.assertEqual(self._ats(self.channel)["ats"], 0)

    def test_company_partner_as_owner_is_own_stock(self):
        self._put(self.stock, 2, owner=self.company.partner_id)
        self.assertEqual(self._ats(self.channel)["ats"], 2)
        self.assertExplained(self.channel)
