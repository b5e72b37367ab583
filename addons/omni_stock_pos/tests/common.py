from datetime import timedelta

from odoo import Command, fields
from odoo.addons.point_of_sale.tests.common import TestPoSCommon
from odoo.tests import new_test_user


class OmniPosCase(TestPoSCommon):
    """A store (the POS's warehouse) with its store channel, a central warehouse, and a
    web channel sourcing both; a cashier with no Omnichannel rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        # the back-office user of the test company manages the channels
        cls.env.user.groups_id += cls.env.ref("omni_stock.group_omni_manager")
        cls.store = cls.company_data["default_warehouse"]
        cls.central = cls.env["stock.warehouse"].create(
            {"name": "Central", "code": "CEN", "company_id": cls.company.id})
        Channel = cls.env["omni.channel"]
        cls.store_channel = Channel.create({
            "name": "Store", "code": "store-1", "channel_type": "store",
            "warehouse_ids": [Command.set(cls.store.ids)],
        })
        cls.central_channel = Channel.create({
            "name": "Central", "code": "central", "channel_type": "b2b",
            "warehouse_ids": [Command.set(cls.central.ids)],
        })
        cls.web = Channel.create({
            "name": "Web", "code": "web", "channel_type": "web",
            "warehouse_ids": [Command.set((cls.store | cls.central).ids)],
        })
        cls.config = cls.basic_config
        cls.config.omni_channel_id = cls.store_channel
        cls.product = cls.create_product("Omni Lamp", cls.categ_basic, 10.0)
        cls.service = cls.env["product.product"].create({
            "name": "Gift wrapping", "type": "service", "available_in_pos": True})
        cls.shelf = cls.stock_location_components  # WH/Stock/Shelf 1
        cls.env["stock.quant"]._update_available_quantity(cls.product, cls.shelf, 10)
        cls.env["stock.quant"]._update_available_quantity(
            cls.product, cls.central.lot_stock_id, 4)
        cls.cashier = new_test_user(
            cls.env, login="omni_cashier", groups="base.group_user,point_of_sale.group_pos_user",
            company_id=cls.company.id, company_ids=[Command.set(cls.company.ids)])

    def _ats(self, channel, product=None):
        product = product or self.product
        return self.env["omni.ats"].compute(product, channel=channel)[product.id]

    def _sell(self, lines, customer=False):
        """Ring up an order in the open session, as the POS screen sends it."""
        data = self.create_ui_order_data(lines, customer=customer)
        result = self.env["pos.order"].sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])

    def _silence(self, session, minutes):
        session.sudo().write({
            "omni_last_seen": fields.Datetime.now() - timedelta(minutes=minutes)})
