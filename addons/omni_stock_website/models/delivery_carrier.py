from odoo import models
from odoo.http import request

from ..tools.geocoding import no_geocoding


class DeliveryCarrier(models.Model):
    _inherit = "delivery.carrier"

    def _in_store_get_close_locations(self, partner_address, product_id=None):
        """The pickup picker of a shop with a sales channel: each store's availability
        comes from the store's own channel, and no address is sent to a geocoder (the
        stores' coordinates are in their data; stores are sorted by distance when the
        shopper's address has coordinates, else by name)."""
        website = request and getattr(request, "website", None)
        if not website or not website.omni_channel_id:
            return super()._in_store_get_close_locations(partner_address, product_id)
        with no_geocoding():
            locations = super()._in_store_get_close_locations(partner_address, product_id)
        try:
            product = self.env["product.product"].browse(int(product_id)).exists() \
                if product_id else None
        except (TypeError, ValueError):
            product = None
        if product is not None:
            # only a product this shopper may see, read past his rights from here on
            product = website._omni_shopper_products(product)
        cart = website._omni_current_cart()
        chosen = cart._omni_pickup_warehouse() if cart else self.env["stock.warehouse"]
        stores = self.env["stock.warehouse"].browse([loc["id"] for loc in locations])
        # earned: the pickup method's own stores and a product the shopper may see (above)
        for location, store in zip(locations, stores, strict=True):
            if product is not None:
                quantity, reason = store.sudo()._omni_pickup_availability(
                    product, order=cart if store == chosen else None
                )[product.id] if product else (0.0, "")
                values = website._omni_in_store_values(product, quantity, reason)
            elif cart:
                lines = cart._get_unavailable_order_lines(store.id)
                values = {"in_stock": not lines,
                          "omni_reason": "; ".join(lines.mapped("shop_warning"))}
            else:
                continue
            location.setdefault("additional_data", {})["in_store_stock"] = values
        if not (partner_address.partner_latitude or partner_address.partner_longitude):
            locations.sort(key=lambda loc: loc["name"])
        return locations
