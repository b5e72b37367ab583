"""The demo retailer's web shop: its channel, pickup stores, low and held stock."""

from odoo import api, fields, models

# store code: street, zip, city, latitude, longitude (no geocoding: coordinates are data)
STORE_ADDRESSES = {
    "PAR": ("12 Rue de Rivoli", "75004", "Paris", 48.8556, 2.3590),
    "LYO": ("5 Place Bellecour", "69002", "Lyon", 45.7578, 4.8320),
    "MRS": ("40 La Canebière", "13001", "Marseille", 43.2973, 5.3787),
    "BOD": ("18 Cours de l'Intendance", "33000", "Bordeaux", 44.8425, -0.5768),
    "LIL": ("3 Rue Neuve", "59000", "Lille", 50.6365, 3.0655),
}
# variants the web shop shows low (web ATS left) and the cart hold of the demo
LOW = {"SNK-WHT-44": 3, "JEAN-IND-34": 2, "HOOD-BLK-M": 3}
HELD = ("HOOD-BLK-M", 2)
# out of stock online, available for pickup in Lyon
PICKUP_ONLY = ("COAT-BLK-L", "LYO")
# a store whose counts are not good enough for its channel
UNTRUSTED_STORE = ("MRS", 80.0, 95.0)
DEMO_HOLD_SECONDS = 7 * 24 * 3600


class OmniStockDemoLoader(models.AbstractModel):
    _inherit = "omni.stock.demo.loader"

    @api.model
    def load_website(self):
        if self.env.ref("omni_stock_demo.website_cart", raise_if_not_found=False):
            return
        self = self.with_context(tracking_disable=True, mail_create_nolog=True)
        website = self.env.ref("website.default_website")
        central = self.env.ref("omni_stock_demo.wh_central")
        web = self.env.ref("omni_stock_demo.channel_web")
        website.write({"name": "Maison Lumière", "warehouse_id": central.id,
                       "omni_channel_id": web.id})
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
        france = self.env.ref("base.fr")
        company = self.env.ref("base.main_company")
        stores = self.env["stock.warehouse"]
        for code, (street, zip_code, city, latitude, longitude) in STORE_ADDRESSES.items():
            store = self.env.ref(f"omni_stock_demo.wh_{code.lower()}")
            store.partner_id = self._xmlid(f"partner_store_{code.lower()}", self.env[
                "res.partner"].create({
                    "name": f"Maison Lumière {city}", "is_company": True,
                    "parent_id": company.partner_id.id, "type": "other",
                    "street": street, "zip": zip_code, "city": city, "country_id": france.id,
                    "partner_latitude": latitude, "partner_longitude": longitude,
                    "date_localization": fields.Date.today(),
                }))
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
        shopper = self._xmlid("partner_web_shopper", self.env["res.partner"].create({
            "name": "Camille Martin", "email": "camille.martin@example.com",
            "street": "8 Rue Oberkampf", "zip": "75011", "city": "Paris",
            "country_id": self.env.ref("base.fr").id}))
        cart = self._xmlid("website_cart", self.env["sale.order"].create({
            "partner_id": shopper.id, "website_id": website.id,
            "order_line": [fields.Command.create(
                {"product_id": self._variant(code).id, "product_uom_qty": quantity})],
        }))
        # a demo cart keeps its hold for a week instead of the channel's 20 minutes
        cart.sudo().omni_hold_ids.extend(DEMO_HOLD_SECONDS)
