"""The cashier's words for the store's figures, in one place.

The POS shows the engine's figures to people who sell, not to stock
controllers: buckets are named after what the cashier sees in the store
("Sold in open sessions, not yet shipped", never "Withheld"), quantities of
unit-counted goods are whole numbers ("19 available", never "19.0" or
"0Units"), units have a space and a plural, and every 0 says why.
"""

from odoo import api, models

from ..tools.wording import format_quantity

# the store's figures shown in the product popup, in this order (keys of the
# engine's detailed figures, withheld split by kind, holds apart from reservations)
BUCKETS = (
    "sellable", "reserved", "held", "sold_open_session", "count_pending", "offline",
    "kept_back", "unpickable", "damaged", "quarantine", "inspection", "in_transit",
    "incoming",
)


class OmniPosWording(models.AbstractModel):
    _name = "omni.pos.wording"
    _description = "POS Stock Wording"

    @api.model
    def bucket_labels(self):
        """``{bucket: label}`` of the store's figures, in the cashier's words."""
        return {
            "sellable": self.env._("On the shelves"),
            "reserved": self.env._("Reserved for orders"),
            "held": self.env._("Held for customers"),
            "sold_open_session": self.env._("Sold in open sessions, not yet shipped"),
            "count_pending": self.env._("Waiting for a count"),
            "offline": self.env._("Not promised while a till is offline"),
            "kept_back": self.env._("Kept back"),
            "unpickable": self.env._("On display or in the backroom"),
            "damaged": self.env._("Damaged"),
            "quarantine": self.env._("On quality hold"),
            "inspection": self.env._("Returned, waiting for inspection"),
            "in_transit": self.env._("On the way from another store"),
            "incoming": self.env._("Expected from suppliers"),
        }

    @api.model
    def reason_labels(self):
        """``{reason: words}`` of why a store may sell nothing (see ``tools.wording``)."""
        return {
            "out_of_stock": self.env._("out of stock"),
            "not_sellable": self.env._("none on the shelves (damaged, on display or returned)"),
            "not_verified": self.env._("not verified: waiting for a reliable count"),
            "offline": self.env._("store offline"),
            "held": self.env._("held for customers"),
            "sold_open_session": self.env._("sold in open sessions, not yet shipped"),
            "count_pending": self.env._("waiting for a count"),
            "reserved": self.env._("reserved for orders"),
            "safety": self.env._("kept as safety stock"),
            "kept_back": self.env._("kept back"),
        }

    @api.model
    def _unit_counted(self, product):
        """Counted in plain units (Odoo's *Units*): the figure needs no unit name."""
        uom = product.uom_id
        return uom.uom_type == "reference" and \
            uom.category_id.id == self.env["omni.ats"]._unit_category_id()

    @api.model
    def quantity(self, quantity, product):
        """``"19"`` for a unit-counted product, ``"2.5 kg"`` for others."""
        text = format_quantity(quantity, self.env["omni.ats"].rounding(product))
        if self._unit_counted(product):
            return text
        return self.env._("%(quantity)s %(uom)s", quantity=text, uom=product.uom_id.name)

    @api.model
    def units(self, quantity, product):
        """``"1 unit"``, ``"19 units"``, ``"2.5 kg"``."""
        if not self._unit_counted(product):
            return self.quantity(quantity, product)
        text = format_quantity(quantity, 1.0)
        if text == "1":
            return self.env._("%s unit", text)
        return self.env._("%s units", text)

    @api.model
    def available(self, quantity, product):
        """``"19 available"``, ``"2.5 kg available"``."""
        return self.env._("%s available", self.quantity(quantity, product))

    @api.model
    def available_at(self, quantity, product, place):
        """``"19 available at Store Paris"``."""
        return self.env._("%(available)s at %(place)s",
                          available=self.available(quantity, product), place=place)

    @api.model
    def product_name(self, product):
        """The variant's name with every value of its variant attributes:
        ``"Slim Jeans (34, Indigo)"`` (Odoo's display name leaves out the
        attributes of a single value, and adds the internal reference)."""
        # in the order of the template's attribute lines
        values = product.product_template_attribute_value_ids
        if not values:
            return product.name
        return f"{product.name} ({', '.join(values.mapped('name'))})"
