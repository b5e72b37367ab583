"""Builds the demo retailer: a fashion chain selling in stores, online and on marketplaces."""

from datetime import timedelta

from odoo import Command, api, fields, models

from ..tools import pictures

STORES = [
    ("Store Paris", "PAR"),
    ("Store Lyon", "LYO"),
    ("Store Marseille", "MRS"),
    ("Store Bordeaux", "BOD"),
    ("Store Lille", "LIL"),
]

COLOUR_CODES = {
    "Black": "BLK", "White": "WHT", "Navy": "NVY", "Grey": "GRY", "Indigo": "IND",
    "Camel": "CML",
}

# template name, SKU prefix, category, sizes, colours, price
COLLECTION = [
    ("Essential Tee", "TEE", "Tops", ["S", "M", "L"], ["Black", "White", "Navy"], 19.0),
    ("Heavy Hoodie", "HOOD", "Tops", ["S", "M", "L", "XL"], ["Grey", "Black"], 59.0),
    ("Slim Jeans", "JEAN", "Bottoms", ["28", "30", "32", "34"], ["Indigo"], 79.0),
    ("Wool Coat", "COAT", "Outerwear", ["S", "M", "L"], ["Camel", "Black"], 249.0),
    ("Canvas Sneaker", "SNK", "Shoes", ["40", "41", "42", "43", "44"], ["White"], 89.0),
]


class OmniStockDemoLoader(models.AbstractModel):
    """Creates the demo retailer once; every record gets an ``omni_stock_demo.`` xmlid."""

    _name = "omni.stock.demo.loader"
    _description = "Omnichannel Demo Retailer Loader"

    def _xmlid(self, name, record):
        self.env["ir.model.data"]._update_xmlids(
            [{"xml_id": f"omni_stock_demo.{name}", "record": record, "noupdate": True}]
        )
        return record

    @api.model
    def _load(self):
        if self.env.ref("omni_stock_demo.wh_central", raise_if_not_found=False):
            return
        self = self.with_context(tracking_disable=True, mail_create_nolog=True)
        company = self.env.ref("base.main_company")  # named in omni_stock_demo_static.xml
        company.logo = pictures.wordmark(company.name)
        central, central_locs = self._load_central(company)
        stores = self._load_stores(company)
        transit = self._xmlid("loc_transit", self.env["stock.location"].create({
            "name": "Inter-warehouse transit", "usage": "transit", "company_id": company.id,
            "location_id": self.env.ref("stock.stock_location_locations").id,
        }))
        variants = self._load_collection()
        self._load_channels(company, central, central_locs, stores, variants)
        self._load_stock(central, central_locs, stores, transit, variants)

    def _load_central(self, company):
        central = self._xmlid("wh_central", self.env.ref("stock.warehouse0"))
        Location = self.env["stock.location"]
        specs = [
            ("mezzanine", "Mezzanine", central.lot_stock_id, "sellable", 88.0),
            ("damaged", "Damaged", central.view_location_id, "damaged", 100.0),
            ("quarantine", "Quality Hold", central.view_location_id, "quarantine", 100.0),
            ("returns", "Returns Inspection", central.view_location_id, "inspection", 100.0),
            ("display", "Showroom Display", central.view_location_id, "unpickable", 100.0),
        ]
        locations = {"stock": central.lot_stock_id}
        for key, name, parent, status, accuracy in specs:
            locations[key] = self._xmlid(f"loc_central_{key}", Location.create({
                "name": name, "location_id": parent.id, "usage": "internal",
                "omni_status": status, "omni_accuracy": accuracy, "company_id": company.id,
            }))
        return central, locations

    def _load_stores(self, company):
        stores = self.env["stock.warehouse"]
        for name, code in STORES:
            store = self._xmlid(f"wh_{code.lower()}", self.env["stock.warehouse"].create(
                {"name": name, "code": code, "company_id": company.id}))
            self._xmlid(f"loc_{code.lower()}_backroom", self.env["stock.location"].create({
                "name": "Backroom", "location_id": store.lot_stock_id.id, "usage": "internal",
                "omni_status": "unpickable", "company_id": company.id,
            }))
            stores |= store
        return stores

    def _load_collection(self):
        """Templates of the collection (categories and attributes are data) and their
        variants, each with a SKU and a barcode derived from its attribute values."""
        attributes = {
            "Size": self.env.ref("omni_stock_demo.attribute_size"),
            "Colour": self.env.ref("omni_stock_demo.attribute_colour"),
        }
        values = {(name, value.name): value
                  for name, attribute in attributes.items() for value in attribute.value_ids}
        variants = self.env["product.product"]
        for name, prefix, categ_name, sizes, colours, price in COLLECTION:
            category = self.env.ref(f"omni_stock_demo.categ_{categ_name.lower()}")
            template = self._xmlid(f"product_{prefix.lower()}", self.env[
                "product.template"].create({
                    "name": name, "type": "consu", "is_storable": True,
                    "categ_id": category.id, "list_price": price,
                    "standard_price": round(price * 0.4, 2),
                    "image_1920": pictures.garment(prefix, colours[0]),
                    "attribute_line_ids": [
                        Command.create({
                            "attribute_id": attributes["Size"].id,
                            "value_ids": [Command.set([values["Size", s].id for s in sizes])]}),
                        Command.create({
                            "attribute_id": attributes["Colour"].id,
                            "value_ids": [Command.set([values["Colour", c].id for c in colours])]}),
                    ],
                }))
            for variant in template.product_variant_ids:
                ptav = variant.product_template_attribute_value_ids
                attrs = {v.attribute_id.name: v.name for v in ptav.product_attribute_value_id}
                variant.default_code = f"{prefix}-{COLOUR_CODES[attrs['Colour']]}-{attrs['Size']}"
                variant.barcode = f"200{len(variants) + 1:09d}"
                if len(colours) > 1:  # each colour its own picture
                    variant.image_variant_1920 = pictures.garment(prefix, attrs["Colour"])
                self._xmlid(f"product_{variant.default_code.lower().replace('-', '_')}",
                               variant)
                variants |= variant
        return variants

    def _load_channels(self, company, central, central_locs, stores, variants):
        Channel = self.env["omni.channel"]
        web = self._xmlid("channel_web", Channel.create({
            "name": "Web Shop", "code": "web", "channel_type": "web", "sequence": 1,
            "warehouse_ids": [Command.set(central.ids)], "safety_stock_qty": 2,
            "incoming_horizon_days": 14,
        }))
        self.env["omni.channel.safety.rule"].create([
            {"channel_id": web.id, "categ_id": self.env.ref("omni_stock_demo.categ_outerwear").id,
             "safety_qty": 3},
            {"channel_id": web.id,
             "product_id": self.env.ref("omni_stock_demo.product_tee_blk_m").id,
             "safety_qty": 5},
        ])
        self._xmlid("channel_market_north", Channel.create({
            "name": "Marketplace North", "code": "mkt-north", "channel_type": "marketplace",
            "sequence": 2, "warehouse_ids": [Command.set(central.ids)], "allocation_percent": 40,
            "safety_stock_qty": 1, "oversell_policy": "block",
            "sale_partner_id": self.env.ref("omni_stock_demo.partner_market_north").id,
        }))
        self._xmlid("channel_market_south", Channel.create({
            "name": "Marketplace South", "code": "mkt-south", "channel_type": "marketplace",
            "sequence": 3, "warehouse_ids": [Command.set(central.ids)], "allocation_percent": 30,
            "min_location_accuracy": 95, "oversell_policy": "backorder",
            "sale_partner_id": self.env.ref("omni_stock_demo.partner_market_south").id,
        }))
        self._xmlid("channel_b2b", Channel.create({
            "name": "Wholesale (sales staff)", "code": "b2b", "channel_type": "b2b",
            "sequence": 4, "warehouse_ids": [Command.set(central.ids)],
            "safety_stock_mode": "cover", "safety_stock_days": 7, "velocity_window_days": 30,
        }))
        for store in stores:
            self._xmlid(f"channel_{store.code.lower()}", Channel.create({
                "name": store.name, "code": f"store-{store.code.lower()}",
                "channel_type": "store", "sequence": 10,
                "warehouse_ids": [Command.set(store.ids)],
            }))

    def _load_stock(self, central, locs, stores, transit, variants):
        Quant = self.env["stock.quant"]
        customers = self.env.ref("stock.stock_location_customers")
        suppliers = self.env.ref("stock.stock_location_suppliers")
        for index, variant in enumerate(variants):
            base = 6 + (index * 7) % 30
            Quant._update_available_quantity(variant, locs["stock"], base + 20)
            if index % 3 == 0:
                Quant._update_available_quantity(variant, locs["mezzanine"], 4 + index % 5)
            if index % 4 == 0:
                Quant._update_available_quantity(variant, locs["damaged"], 1 + index % 3)
            if index % 5 == 0:
                Quant._update_available_quantity(variant, locs["quarantine"], 2 + index % 4)
            if index % 3 == 1:
                Quant._update_available_quantity(variant, locs["returns"], 1 + index % 2)
            if index % 6 == 0:
                Quant._update_available_quantity(variant, locs["display"], 1)
            for position, store in enumerate(stores):
                on_shelf = (index + 3 * position) % 9
                if on_shelf:
                    Quant._update_available_quantity(variant, store.lot_stock_id, on_shelf)
                if (index + position) % 4 == 0:
                    backroom = self.env.ref(f"omni_stock_demo.loc_{store.code.lower()}_backroom")
                    Quant._update_available_quantity(variant, backroom, 2)
        # the showcase SKU has stock in every status
        tee = self.env.ref("omni_stock_demo.product_tee_blk_m")
        for key in ("mezzanine", "damaged", "quarantine", "returns", "display"):
            if not Quant._get_available_quantity(tee, locs[key], strict=True):
                Quant._update_available_quantity(tee, locs[key], 2)
        first = stores[0]
        # recent sales from central drive the B2B days-of-cover safety stock
        self._move_done(variants[:8], locs["stock"], customers, 3, "Past web orders")
        # an open web order reserves stock in the central warehouse
        self._picking(central.out_type_id, locs["stock"], customers, variants[:4], 2,
                      "Web order awaiting picking", assign=True)
        # goods on their way from central to Paris: first leg done, second leg open
        self._move_done(variants[:6], locs["stock"], transit, 4, "Replenishment to Paris")
        self._picking(first.in_type_id, transit, first.lot_stock_id, variants[:6], 4,
                      "Replenishment to Paris", assign=True)
        # open purchase receipts: one within every channel's horizon, one beyond
        now = fields.Datetime.now()
        self._picking(central.in_type_id, suppliers, locs["stock"], variants, 12,
                      "Supplier receipt (this week)", scheduled=now + timedelta(days=3))
        self._picking(central.in_type_id, suppliers, locs["stock"], variants[:10], 24,
                      "Supplier receipt (next season)", scheduled=now + timedelta(days=45))

    def _picking(self, picking_type, source, dest, products, qty, origin, assign=False,
                 scheduled=None):
        picking = self.env["stock.picking"].create({
            "picking_type_id": picking_type.id, "location_id": source.id,
            "location_dest_id": dest.id, "origin": origin,
            "scheduled_date": scheduled or fields.Datetime.now(),
            "move_ids": [Command.create({
                "name": product.display_name, "product_id": product.id,
                "product_uom_qty": qty, "location_id": source.id,
                "location_dest_id": dest.id,
                "date": scheduled or fields.Datetime.now(),
            }) for product in products],
        })
        picking.action_confirm()
        if assign:
            picking.action_assign()
        return picking

    def _move_done(self, products, source, dest, qty, origin):
        moves = self.env["stock.move"].create([{
            "name": origin, "origin": origin, "product_id": product.id,
            "product_uom_qty": qty, "location_id": source.id, "location_dest_id": dest.id,
        } for product in products])
        moves._action_confirm()
        moves._action_assign()
        moves.picked = True
        moves._action_done()
        return moves
