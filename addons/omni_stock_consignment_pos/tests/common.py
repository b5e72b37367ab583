from odoo import Command
from odoo.addons.omni_stock_pos.tests.common import OmniPosCase


class PosConsignmentCase(OmniPosCase):
    """The POS's store with a vendor (Atelier Nord) whose agreement lists the store
    channel (its units first), 3 of its units on the store's shelf."""

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

    def _sell_as_cashier(self, qty, refunded=None):
        line = {"product": self.product, "quantity": qty}
        if refunded:
            line["refunded_orderline_id"] = refunded.id
        data = self.create_ui_order_data([line])
        result = self.env["pos.order"].with_user(self.cashier).sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])

    def _vendor_units(self, owner=None):
        owner = self.vendor if owner is None else owner
        return sum(self.env["stock.quant"].search([
            ("product_id", "=", self.product.id), ("owner_id", "=", owner.id),
            ("location_id.usage", "=", "internal")]).mapped("quantity"))

    def _bill_lines(self):
        return self.env["account.move.line"].search(
            [("move_id.omni_consign_owner_id", "=", self.vendor.id),
             ("omni_consign_move_line_id", "!=", False)], order="id")

