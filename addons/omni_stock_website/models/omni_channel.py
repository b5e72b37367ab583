from odoo import api, fields, models
from odoo.addons.omni_stock.models.omni_stock_hold import MAX_TTL_SECONDS
from odoo.exceptions import ValidationError


class OmniChannel(models.Model):
    _inherit = "omni.channel"

    website_cart_ttl_minutes = fields.Integer(
        string="Cart Hold (minutes)", default=20, required=True, tracking=True,
        help="How long a web shop cart keeps its stock after the shopper's last action "
        "(adding, changing, viewing the cart, checking out). Expired holds stop counting "
        "at once; the cart gets its stock back if it is still there when the shopper "
        "returns.",
    )

    @api.constrains("website_cart_ttl_minutes")
    def _check_website_cart_ttl(self):
        limit = MAX_TTL_SECONDS // 60
        for channel in self:
            if not 1 <= channel.website_cart_ttl_minutes <= limit:
                raise ValidationError(self.env._(
                    "The cart hold of %(channel)s must last between 1 and %(limit)s minutes.",
                    channel=channel.name, limit=limit))

    def _omni_cart_ttl_seconds(self):
        self.ensure_one()
        return self.website_cart_ttl_minutes * 60
