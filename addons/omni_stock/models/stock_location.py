from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

STOCK_STATUSES = [
    ("sellable", "Sellable"),
    ("unpickable", "Unpickable"),
    ("damaged", "Damaged"),
    ("quarantine", "Quarantine"),
    ("inspection", "Awaiting inspection"),
]

OMNI_MANAGED_FIELDS = ("omni_status", "omni_accuracy")


class StockLocation(models.Model):
    _name = "stock.location"
    _inherit = ["stock.location", "mail.thread"]

    omni_status = fields.Selection(
        STOCK_STATUSES,
        string="Stock Status",
        default="sellable",
        required=True,
        tracking=True,
        help="Only stock in sellable internal locations can be promised to a "
        "sales channel. Transit locations always count as in transit.",
    )
    omni_accuracy = fields.Float(
        string="Inventory Accuracy (%)",
        default=100.0,
        digits=(5, 2),
        tracking=True,
        help="Measured inventory accuracy. A channel only promises stock from "
        "locations at or above its minimum accuracy.",
    )

    @api.constrains("omni_accuracy")
    def _check_omni_accuracy(self):
        for location in self:
            if not 0 <= location.omni_accuracy <= 100:
                raise ValidationError(
                    self.env._("Inventory accuracy of %(location)s must be between 0 and 100%%.",
                      location=location.display_name)
                )

    def _check_omni_manager(self, vals):
        if any(name in vals for name in OMNI_MANAGED_FIELDS) and not (
            self.env.su or self.env.user.has_group("omni_stock.group_omni_manager")
        ):
            raise AccessError(
                self.env._("Only an Omnichannel manager can change stock statuses and accuracy.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_omni_manager(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_omni_manager(vals)
        before = {loc.id: loc.omni_status for loc in self} if "omni_status" in vals else {}
        res = super().write(vals)
        if before:
            self._log_status_change_with_stock(before)
        return res

    def _log_status_change_with_stock(self, before):
        """Post the stock a status change re-labels, so the audit shows it."""
        changed = self.filtered(lambda loc: before.get(loc.id) != loc.omni_status)
        if not changed:
            return
        groups = self.env["stock.quant"]._read_group(
            [("location_id", "in", changed.ids)], ["location_id"], ["quantity:sum"]
        )
        held = {location.id: qty for location, qty in groups}
        labels = dict(STOCK_STATUSES)
        for location in changed:
            if held.get(location.id):
                location.message_post(
                    body=self.env._(
                        "Status changed from %(old)s to %(new)s while the location "
                        "holds %(qty)s units.",
                        old=labels[before[location.id]],
                        new=labels[location.omni_status],
                        qty=held[location.id],
                    )
                )

    def _omni_policy_status(self):
        """Where goods in this location are, as the status transition policy sees
        it: the stock status of an internal location, ``transit``, ``customer``,
        ``vendor``, ``scrap``, or False for the rest (inventory adjustments,
        production: the adjustment policy's, not a status change)."""
        self.ensure_one()
        if self.usage == "internal":
            return self.omni_status
        if self.usage == "inventory":
            return "scrap" if self.scrap_location else False
        return {"transit": "transit", "customer": "customer",
                "supplier": "vendor"}.get(self.usage, False)
