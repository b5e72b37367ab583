from odoo import Command
from odoo.addons.omni_stock_pos.tests.common import OmniPosCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestPosConsignment(OmniPosCase):
    """A cashier sells a vendor's units at the till: the store takes them as agreed, the
    vendor is owed its share of the till's price."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vendor = cls.env["res.partner"].create({"name": "Atelier Nord"})
        cls.agreement = cls.env["omni.stock.consignment.agreement"].create({
            "partner_id": cls.vendor.id, "company_id": cls.company.id,
            "channel_ids": [Command.set(cls.store_channel.ids)],
            "price_mode": "share", "share_percent": 50.0, "consume_first": "consigned",
        })
        cls.env["stock.quant"]._update_available_quantity(
            cls.product, cls.shelf, 3, owner_id=cls.vendor)

    def _sell_as_cashier(self, qty):
        data = self.create_ui_order_data([(self.product, qty)])
        result = self.env["pos.order"].with_user(self.cashier).sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])

    def _vendor_units(self):
        return sum(self.env["stock.quant"].search([
            ("product_id", "=", self.product.id), ("owner_id", "=", self.vendor.id),
            ("location_id.usage", "=", "internal")]).mapped("quantity"))

    def _bill_lines(self):
        return self.env["account.move.line"].search(
            [("move_id.omni_consign_owner_id", "=", self.vendor.id),
             ("omni_consign_move_line_id", "!=", False)], order="id")

    def test_till_sells_consigned_units_first_and_settles_them(self):
        self.assertEqual(self._ats(self.store_channel)["ats"], 13)
        self.assertEqual(self._ats(self.web)["ats"], 14, "10 + 4 own, the vendor's not")
        self.open_new_session()
        order = self._sell_as_cashier(4)
        picking = order.picking_ids
        self.assertEqual(picking.state, "done")
        owners = {ml.owner_id.id: ml.quantity for ml in picking.move_line_ids}
        self.assertEqual(owners, {self.vendor.id: 3, False: 1})
        self.assertEqual(self._vendor_units(), 0)
        lines = self._bill_lines()
        # the till's price 10.00 (no tax on the test product): 50 % = 5.00 per unit
        unit = order.lines.price_subtotal / 4
        self.assertEqual(lines.quantity, 3)
        self.assertAlmostEqual(lines.price_unit, round(unit * 0.5, 2))
        self.assertEqual(lines.omni_consign_move_line_id,
                         picking.move_line_ids.filtered("owner_id"))

    def test_store_not_allowed_never_takes_the_vendor_units(self):
        self.agreement.channel_ids = [Command.set(self.web.ids)]
        self.assertEqual(self._ats(self.store_channel)["ats"], 10)
        self.open_new_session()
        order = self._sell_as_cashier(2)
        self.assertFalse(order.picking_ids.move_line_ids.owner_id)
        self.assertEqual(self._vendor_units(), 3, "no owner stock taken, none negative")
        self.assertFalse(self._bill_lines())
