from unittest.mock import patch

from odoo import Command
from odoo.tests import tagged

from .common import OmniPosCase


@tagged("post_install", "-at_install")
class TestPosFigures(OmniPosCase):

    def test_default_channel_is_the_store_channel_of_its_warehouse(self):
        config = self.env["pos.config"].create({"name": "Second till"})
        self.assertEqual(config.omni_warehouse_id, self.store)
        self.assertEqual(config.omni_channel_id, self.store_channel)

    def test_popup_figures_equal_the_engine_for_store_and_network(self):
        self.env["stock.quant"]._update_available_quantity(
            self.product, self.store._omni_inspection_location(), 2)
        info = self.product.with_user(self.cashier).get_product_info_pos(
            10.0, 1, self.config.id)["omni_stock"]
        store = self._ats(self.store_channel)
        self.assertEqual(info["ats"], store["ats"])
        self.assertEqual(info["ats"], 10)
        self.assertEqual(info["statuses"]["inspection"], 2)
        self.assertEqual(info["statuses"]["on_hand"], store["on_hand"])
        network = {node["warehouse_id"]: node for node in info["network"]}
        self.assertEqual(set(network), {self.central.id})
        self.assertEqual(network[self.central.id]["channel_id"], self.central_channel.id)
        self.assertEqual(network[self.central.id]["ats"], self._ats(self.central_channel)["ats"])
        self.assertEqual(network[self.central.id]["ats"], 4)

    def test_network_nearest_first_with_coordinates(self):
        far = self.env["stock.warehouse"].create(
            {"name": "Aardvark far", "code": "FAR", "company_id": self.company.id})
        self.env["omni.channel"].create({
            "name": "Far store", "code": "far", "channel_type": "store",
            "warehouse_ids": [Command.set(far.ids)]})
        # without coordinates: by name
        names = [n["warehouse"] for n in self.config._omni_product_stock(self.product)["network"]]
        self.assertEqual(names, ["Aardvark far", "Central"])
        self.store.partner_id = self.env["res.partner"].create({"name": "Store address"})
        self.central.partner_id = self.env["res.partner"].create({"name": "Central address"})
        far.partner_id = self.env["res.partner"].create({"name": "Far address"})
        self.store.write({"omni_latitude": 45.90, "omni_longitude": 6.13})  # Annecy
        self.central.write({"omni_latitude": 45.76, "omni_longitude": 4.84})  # Lyon
        far.write({"omni_latitude": 48.86, "omni_longitude": 2.35})  # Paris
        nodes = self.config._omni_product_stock(self.product)["network"]
        self.assertEqual([n["warehouse"] for n in nodes], ["Central", "Aardvark far"])
        self.assertAlmostEqual(nodes[0]["distance_km"], 101, delta=3)

    def test_badges_in_one_engine_call_services_left_out(self):
        other = self.create_product("Omni Vase", self.categ_basic, 5.0)
        self.env["stock.quant"]._update_available_quantity(other, self.shelf, 3)
        Ats = self.registry["omni.ats"]
        with patch.object(Ats, "compute", autospec=True, side_effect=Ats.compute) as compute:
            badges = self.config.with_user(self.cashier).omni_stock_badges(
                [self.product.id, other.id, self.service.id])
        self.assertEqual(compute.call_count, 1)
        self.assertEqual(badges, {self.product.id: 10, other.id: 3})

    def test_real_time_sale_reduces_ats_through_odoo_picking(self):
        self.open_new_session()
        self._sell([(self.product, 3)])
        self.assertEqual(self._ats(self.store_channel)["ats"], 7)
        self.assertEqual(self._ats(self.web)["ats"], 11)
        self.assertEqual(self._ats(self.web)["withheld"], 0)
