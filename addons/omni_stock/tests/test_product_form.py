from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import OmniStockCase
from .rpc import RpcMixin


@tagged("post_install", "-at_install")
class TestProductForm(RpcMixin, HttpCase, OmniStockCase):
    """The product form shows the figure on its Available to Sell button: a template
    adds up its variants', for the channel in context."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        size = cls.env["product.attribute"].create({
            "name": "Omni Size", "value_ids": [Command.create({"name": "S"}),
                                               Command.create({"name": "M"})]})
        cls.template = cls.env["product.template"].create({
            "name": "Omni Jeans", "type": "consu", "is_storable": True,
            "attribute_line_ids": [Command.create({
                "attribute_id": size.id, "value_ids": [Command.set(size.value_ids.ids)]})],
        })
        cls.small, cls.medium = cls.template.product_variant_ids
        cls.clerk = cls.rpc_user("omni_form_clerk", ["stock.group_stock_user",
                                                     "omni_stock.group_omni_user"])

    def test_template_button_adds_up_its_variants_for_the_channel(self):
        self._put(self.stock, 4, self.small)
        self._put(self.stock, 7, self.medium)
        self._put(self.locations["damaged"], 5, self.medium)  # never sold
        [row] = self.rpc(self.clerk, "product.template", "read", self.template.ids,
                         ["omni_ats"], context={"omni_channel_id": self.channel.id})
        self.assertEqual(row["omni_ats"], 11)
        self.channel.safety_stock_qty = 2  # per product: 2 + 5
        [row] = self.rpc(self.clerk, "product.template", "read", self.template.ids,
                         ["omni_ats"], context={"omni_channel_id": self.channel.id})
        self.assertEqual(row["omni_ats"], sum(
            self._ats(self.channel, variant)["ats"] for variant in self.small | self.medium))
        self.assertEqual(row["omni_ats"], 7)
