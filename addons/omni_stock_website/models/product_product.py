from odoo import models


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _omni_shop_may_oversell(self, channel):
        """The shop takes more than it can hold only if the product may be sold out of
        stock and ``channel`` confirms such orders as backorders."""
        self.ensure_one()
        return self.product_tmpl_id._omni_shop_may_oversell(channel)

    def _website_show_quick_add(self):
        website = self.env["website"].get_current_website()
        if (website.omni_channel_id and self.is_storable
                and not self._omni_shop_may_oversell(website._omni_shop_channel())
                and self._is_sold_out()):
            return False
        return super()._website_show_quick_add()
