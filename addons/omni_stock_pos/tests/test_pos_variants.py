from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import OmniPosCase


@tagged("post_install", "-at_install")
class TestPosVariants(OmniPosCase):
    """A template with a variant per size (one colour), as the cashier reads it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Attribute = cls.env["product.attribute"]
        cls.size = Attribute.create({"name": "Size", "create_variant": "always", "value_ids": [
            Command.create({"name": name}) for name in ("28", "34")]})
        cls.colour = Attribute.create({"name": "Colour", "create_variant": "always",
                                       "value_ids": [Command.create({"name": "Indigo"})]})
        cls.template = cls.env["product.template"].create({
            "name": "Slim Jeans", "is_storable": True, "available_in_pos": True,
            "list_price": 79, "categ_id": cls.categ_basic.id,
            "attribute_line_ids": [
                Command.create({"attribute_id": cls.size.id,
                                "value_ids": [Command.set(cls.size.value_ids.ids)]}),
                Command.create({"attribute_id": cls.colour.id,
                                "value_ids": [Command.set(cls.colour.value_ids.ids)]}),
            ]})
        variants = cls.template.product_variant_ids
        cls.jeans_28 = variants.filtered(
            lambda v: v.product_template_attribute_value_ids.filtered(
                lambda a: a.name == "28"))
        cls.jeans_34 = variants - cls.jeans_28
        Quant = cls.env["stock.quant"]
        Quant._update_available_quantity(cls.jeans_34, cls.shelf, 42)
        # returned at the till: Odoo's on-hand counts it, the store may not sell it
        Quant._update_available_quantity(
            cls.jeans_34, cls.store._omni_inspection_location(), 3)
        Quant._update_available_quantity(cls.jeans_28, cls.central.lot_stock_id, 4)

    def _info(self, product, user=None):
        return product.with_user(user or self.cashier).get_product_info_pos(
            79.0, 1, self.config.id)

    def test_popup_names_the_variant_and_lists_every_size(self):
        info = self._info(self.jeans_28)["omni_stock"]
        self.assertEqual(info["product"], "Slim Jeans (28, Indigo)")
        self.assertEqual(info["headline"],
                         f"Slim Jeans (28, Indigo): 0 available at {self.store.name}")
        self.assertEqual(info["reason"], "out of stock")
        self.assertEqual(
            [(v["name"], v["text"], v["reason"]) for v in info["variants"]],
            [("Slim Jeans (28, Indigo)", "0 available", "out of stock"),
             ("Slim Jeans (34, Indigo)", "42 available", "")])
        # the same figures as the badges the POS loads per variant
        badges = self.config.with_user(self.cashier).omni_stock_badges(
            self.template.product_variant_ids.ids)
        self.assertEqual({v["product_id"]: v["ats"] for v in info["variants"]}, badges)
        self.assertEqual(badges, {self.jeans_28.id: 0, self.jeans_34.id: 42})
        # a product without variants lists none
        self.assertEqual(self._info(self.product)["omni_stock"]["variants"], [])

    def test_combination_info_is_the_suites_figure_not_odoos_on_hand(self):
        """What the attribute dialog shows for the chosen size: the store's ATS."""
        result = self._info(self.jeans_34)
        info = result["omni_stock"]
        odoo_on_hand = result["warehouses"][0]["available_quantity"]
        self.assertEqual(odoo_on_hand, 45)
        store = self._ats(self.store_channel, self.jeans_34)
        self.assertEqual(info["ats"], store["ats"])
        self.assertEqual(info["available_at"], f"42 available at {self.store.name}")
        self.assertEqual(info["product_id"], self.jeans_34.id)
        # the variant the cashier picks in the popup: the same, over JSON-RPC's method
        self.assertEqual(self.config.with_user(self.cashier).omni_product_stock(
            self.jeans_34.id), info)

    def test_buckets_in_the_cashiers_words(self):
        self.company.point_of_sale_update_stock_quantities = "closing"
        self.open_new_session()
        self._sell([(self.jeans_34, 1)])
        info = self._info(self.jeans_34)["omni_stock"]
        buckets = {b["label"]: b["text"] for b in info["buckets"]}
        self.assertEqual(buckets, {
            "On the shelves": "42 units",
            "Sold in open sessions, not yet shipped": "1 unit",
            "Returned, waiting for inspection": "3 units",
        })
        self.assertEqual(info["ats_text"], "41 available")
        self.assertNotIn("Withheld", str(info))

    def test_network_one_figure_per_store_with_the_reason_of_each_zero(self):
        # the central warehouse's counts are not trusted by its channel
        self.central_channel.min_location_accuracy = 95
        self.central.lot_stock_id.sudo().omni_accuracy = 80
        info = self._info(self.jeans_28)["omni_stock"]
        [central] = info["network"]
        self.assertEqual((central["warehouse"], central["text"], central["reason"]),
                         ("Central", "0 available",
                          "not verified: waiting for a reliable count"))
        # trusted again, but a customer holds all of it there
        self.central.lot_stock_id.sudo().omni_accuracy = 100
        self.env["omni.stock.hold"].reserve(
            self.central_channel, self.jeans_28, 4, "central-hold",
            warehouse=self.central)
        [central] = self._info(self.jeans_28)["omni_stock"]["network"]
        self.assertEqual((central["text"], central["reason"]),
                         ("0 available", "held for customers"))

    def test_offline_store_named_in_the_network(self):
        other = self.env["pos.config"].create({
            "name": "Central till",
            "picking_type_id": self.central.pos_type_id.id,
            "payment_method_ids": [Command.set(self.config.payment_method_ids.filtered(
                lambda m: not m.is_cash_count).ids)],
        })
        self.assertEqual(other.omni_channel_id, self.central_channel)
        other.open_ui()
        self._silence(other.current_session_id, 60)
        [central] = self._info(self.jeans_28)["omni_stock"]["network"]
        self.assertEqual((central["text"], central["reason"]), ("0 available", "store offline"))

    def test_hold_refused_in_plain_words(self):
        with self.assertRaises(UserError) as refused:
            self.config.with_user(self.cashier).omni_hold_for_customer(
                self.jeans_34.id, 43, "Ana")
        self.assertEqual(str(refused.exception),
                         f"Only 42 available at {self.store.name}, 43 units requested.")

    def test_quantities_of_other_units_keep_their_unit(self):
        Words = self.env["omni.pos.wording"]
        kg = self.env.ref("uom.product_uom_kgm")
        flour = self.env["product.product"].create({
            "name": "Flour", "is_storable": True, "uom_id": kg.id, "uom_po_id": kg.id})
        self.assertEqual(Words.available(2.5, flour), "2.5 kg available")
        self.assertEqual(Words.units(1.0, flour), "1 kg")
        self.assertEqual(Words.units(1.0, self.product), "1 unit")
        self.assertEqual(Words.units(19.0, self.product), "19 units")
        self.assertEqual(Words.available(19.0, self.product), "19 available")

    def test_popup_variant_method_checks_the_caller(self):
        other = self.env["res.company"].create({"name": "Other Retail"})
        cashier_b = new_test_user(
            self.env, login="omni_cashier_v", groups="base.group_user,point_of_sale.group_pos_user",
            company_id=other.id, company_ids=[Command.set(other.ids)])
        with self.assertRaises(AccessError):
            self.config.with_user(cashier_b).omni_product_stock(self.jeans_34.id)
        for bad in ("1", [self.jeans_34.id], True, None):
            with self.assertRaises(UserError):
                self.config.with_user(self.cashier).omni_product_stock(bad)
        self.assertFalse(self.config.with_user(self.cashier).omni_product_stock(
            self.service.id), "no stock figures for a service")
