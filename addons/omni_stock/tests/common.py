from odoo import Command
from odoo.tests import TransactionCase


class OmniStockCase(TransactionCase):
    """A warehouse with one location per stock status and a web channel."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.warehouse = cls.env["stock.warehouse"].create(
            {"name": "Omni Test WH", "code": "OTW", "company_id": cls.company.id}
        )
        cls.stock = cls.warehouse.lot_stock_id
        Location = cls.env["stock.location"]
        cls.locations = {
            status: Location.create({
                "name": status.title(),
                "location_id": cls.warehouse.view_location_id.id,
                "usage": "internal",
                "omni_status": status,
            })
            for status in ("unpickable", "damaged", "quarantine", "inspection")
        }
        cls.shelf = Location.create(
            {"name": "Shelf B", "location_id": cls.stock.id, "usage": "internal"}
        )
        cls.categ = cls.env["product.category"].create({"name": "Omni Apparel"})
        cls.product = cls._create_product("Omni Tee", "OMNI-TEE")
        cls.channel = cls.env["omni.channel"].create({
            "name": "Test Web", "code": "test-web", "channel_type": "web",
            "warehouse_ids": [Command.set(cls.warehouse.ids)],
        })
        cls.supplier_loc = cls.env.ref("stock.stock_location_suppliers")
        cls.customer_loc = cls.env.ref("stock.stock_location_customers")

    @classmethod
    def _create_product(cls, name, code, categ=None):
        return cls.env["product.product"].create({
            "name": name, "default_code": code, "type": "consu", "is_storable": True,
            "categ_id": (categ or cls.categ).id,
        })

    def _put(self, location, qty, product=None):
        self.env["stock.quant"]._update_available_quantity(product or self.product, location, qty)

    def _ats(self, channel=None, product=None):
        product = product or self.product
        return self.env["omni.ats"].compute(product, channel=channel)[product.id]

    def _move(self, source, dest, qty, product=None, **vals):
        move = self.env["stock.move"].create({
            "name": "test move", "product_id": (product or self.product).id,
            "product_uom_qty": qty, "location_id": source.id, "location_dest_id": dest.id,
            **vals,
        })
        move._action_confirm()
        return move

    def assertExplained(self, channel, product=None):
        """The explanation of ``product`` sums to the ATS the engine returns."""
        product = product or self.product
        explanation = channel.explain(product)
        self.assertAlmostEqual(explanation.total, explanation.ats)
        self.assertAlmostEqual(explanation.ats, self._ats(channel, product)["ats"])
        lean = self.env["omni.ats"].compute(product, channel=channel, detail=False)[product.id]
        self.assertAlmostEqual(lean["ats"], explanation.ats, msg="lean and detailed ATS agree")
        self.assertNotIn("damaged", lean)
        return explanation
