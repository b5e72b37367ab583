"""The demo retailer's web shop: its channel, pickup stores, low and held stock."""

from odoo import api, fields, models

STORES = ("PAR", "LYO", "MRS", "BOD", "LIL")  # addresses: data/omni_stock_demo_website.xml
# variants the web shop shows low (web ATS left) and the cart hold of the demo
LOW = {"SNK-WHT-44": 3, "JEAN-IND-34": 2, "HOOD-BLK-M": 3}
HELD = ("HOOD-BLK-M", 2)
# out of stock online, available for pickup in Lyon
PICKUP_ONLY = ("COAT-BLK-L", "LYO")
# a store whose counts are not good enough for its channel
UNTRUSTED_STORE = ("MRS", 80.0, 95.0)
DEMO_HOLD_SECONDS = 7 * 24 * 3600


class OmniStockDemoWebsite(models.AbstractModel):
    """The web shop's part of the demo, after the retailer (the loader's helpers)."""

    _name = "omni.stock.demo.website"
    _inherit = "omni.stock.demo.loader"
    _description = "Omnichannel Demo: Web Shop"

    @api.model
    def _load_website(self):
        if self.env.ref("omni_stock_demo.website_cart", raise_if_not_found=False):
            return
        self = self.with_context(tracking_disable=True, mail_create_nolog=True)
        website = self.env.ref("website.default_website")
        central = self.env.ref("omni_stock_demo.wh_central")
        web = self.env.ref("omni_stock_demo.channel_web")
        website.write({"name": "Maison Lumière", "warehouse_id": central.id,
                       "omni_channel_id": web.id, "logo": website.company_id.logo})
        templates = self.env["product.template"].browse([
            self.env.ref(f"omni_stock_demo.product_{prefix}").id
            for prefix in ("tee", "hood", "jean", "coat", "snk")])
        templates.write({"is_published": True, "show_availability": True,
                         "available_threshold": 5, "allow_out_of_stock_order": False})
        stores = self._load_pickup_stores()
        self._load_website_stock(web, central, stores)
        self._load_website_cart(website)

    def _variant(self, code):
        return self.env.ref(f"omni_stock_demo.product_{code.lower().replace('-', '_')}")

    def _load_pickup_stores(self):
        stores = self.env["stock.warehouse"]
        for code in STORES:
            store = self.env.ref(f"omni_stock_demo.wh_{code.lower()}")
            store.partner_id = self.env.ref(f"omni_stock_demo.partner_store_{code.lower()}")
            stores |= store
        self.env.ref("website_sale_collect.carrier_pick_up_in_store").write({
            "warehouse_ids": [fields.Command.set(stores.ids)], "is_published": True})
        code, accuracy, required = UNTRUSTED_STORE
        self.env.ref(f"omni_stock_demo.wh_{code.lower()}").lot_stock_id.omni_accuracy = accuracy
        self.env.ref(f"omni_stock_demo.channel_{code.lower()}").min_location_accuracy = required
        return stores

    def _load_website_stock(self, web, central, stores):
        """Send central stock to the stores (done transfers) until the web shop shows
        the intended figures."""
        engine = self.env["omni.ats"]
        paris = self.env.ref("omni_stock_demo.wh_par")
        for code, left in LOW.items():
            product = self._variant(code)
            ats = engine.compute(product, channel=web, detail=False)[product.id]["ats"]
            self._send_central_stock(product, central, paris, ats - left)
        code, store_code = PICKUP_ONLY
        self._send_central_stock(self._variant(code), central,
                                 self.env.ref(f"omni_stock_demo.wh_{store_code.lower()}"))

    def _send_central_stock(self, product, central, store, quantity=None):
        """Move ``quantity`` (default: all) of the sellable central stock to ``store``."""
        Quant = self.env["stock.quant"]
        left = quantity
        for location in self.env["stock.location"].search(
                [("id", "child_of", central.view_location_id.id), ("usage", "=", "internal"),
                 ("omni_status", "=", "sellable")], order="id"):
            free = Quant._get_available_quantity(product, location, strict=True)
            moved = free if left is None else min(free, left)
            if moved > 0:
                self._move_done(product, location, store.lot_stock_id, moved,
                                f"Replenishment to {store.name}")
                if left is not None:
                    left -= moved

    def _load_website_cart(self, website):
        code, quantity = HELD
        shopper = self.env.ref("omni_stock_demo.partner_web_shopper")
        cart = self._xmlid("website_cart", self.env["sale.order"].create({
            "partner_id": shopper.id, "website_id": website.id,
            "order_line": [fields.Command.create(
                {"product_id": self._variant(code).id, "product_uom_qty": quantity})],
        }))
        # a demo cart keeps its hold for a week instead of the channel's 20 minutes
        # earned: demo data, loaded by the module's install (superuser)
        cart.sudo().omni_hold_ids.extend(DEMO_HOLD_SECONDS)
