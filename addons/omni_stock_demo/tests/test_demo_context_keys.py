from odoo import Command
from odoo.addons.omni_stock.tests.rpc import RpcError, RpcMixin
from odoo.tests import HttpCase, tagged

from ..models.omni_stock_demo_pos import OFFLINE_STORE

SALESMAN = "sales_team.group_sale_salesman"


@tagged("post_install", "-at_install")
class TestDemoContextKeys(RpcMixin, HttpCase):
    """The product owner's example on the demo: Lille's till is offline, so the
    ship-from-store channel does not promise Lille's stock. A salesperson sending the
    POS's context key (or any other key the suite reads) from the web client's route
    cannot confirm or hold more than the channel may promise."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        code, _minutes = OFFLINE_STORE
        cls.lille = cls.env.ref(f"omni_stock_demo.wh_{code.lower()}")
        cls.lille_channel = cls.env.ref(f"omni_stock_demo.channel_{code.lower()}")
        cls.ship = cls.env.ref("omni_stock_demo.channel_ship_from_store")
        cls.ship.oversell_policy = "block"
        quant = cls.env["stock.quant"].search([
            ("location_id", "=", cls.lille.lot_stock_id.id), ("quantity", ">", 0),
            ("reserved_quantity", "=", 0)], limit=1)
        cls.product = quant.product_id
        cls.promised = cls.ship.get_ats(cls.product)[cls.product.id]["ats"]
        cls.salesperson = cls.rpc_user("ctx_salesperson", [SALESMAN])
        cls.order = cls.env["sale.order"].create({
            "partner_id": cls.env["res.partner"].create({"name": "Context Customer"}).id,
            "user_id": cls.salesperson.id,
            "omni_channel_id": cls.ship.id,
            "order_line": [Command.create({"product_id": cls.product.id,
                                           "product_uom_qty": cls.promised + 1})],
        })

    def test_offline_store_stays_out_whatever_the_context(self):
        self.assertGreater(
            self.ship.get_ats(self.product)[self.product.id]["withheld"], 0,
            "Lille's offline stock is withheld from ship from store")
        smuggled = [
            {"omni_pos_channel_id": self.lille_channel.id},
            {"omni_pos_channel_id": self.ship.id},
            {"omni_channel_id": self.lille_channel.id},
            {"warehouse_id": self.lille.id, "location": self.lille.lot_stock_id.id},
        ]
        for context in smuggled:
            for method in ("action_omni_hold", "action_confirm"):
                with self.subTest(context=context, method=method), \
                        self.assertRaises(RpcError) as caught:
                    self.rpc(self.salesperson, "sale.order", method, self.order.ids,
                             context=context)
                self.assertRegex(caught.exception.name, r"\.(UserError|OmniError)$")
        self.assertEqual(self.order.state, "draft")
        self.assertFalse(self.order.sudo().omni_hold_ids)
        # exactly what the channel promises goes through
        self.order.order_line.product_uom_qty = self.promised
        self.rpc(self.salesperson, "sale.order", "action_omni_hold", self.order.ids,
                 context=smuggled[0])
        self.assertEqual(sum(self.order.sudo().omni_hold_ids.mapped("quantity")),
                         self.promised)
