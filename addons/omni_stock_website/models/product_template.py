from odoo import models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    def _omni_shop_may_oversell(self, channel):
        self.ensure_one()
        # earned: no check needed: only the oversell policy of the shop's channel
        return bool(self.allow_out_of_stock_order and channel
                    and channel.sudo().oversell_policy == "backorder")

    def _is_sold_out(self):
        """On a shop with a channel: sold out when no variant is available to the
        shopper (Odoo looks at the first variant only)."""
        website = self.env["website"].get_current_website()
        if not website.omni_channel_id:
            return super()._is_sold_out()
        if not self.is_storable:
            return False
        variants = self.product_variant_ids
        available = website._omni_available_qty(variants)
        return all(available[variant.id] <= 0 for variant in variants)

    def _omni_sold_out(self):
        """Whether a shop with a channel shows this product sold out (product grid) and
        offers no quick add: no variant available and no backorder allowed."""
        self.ensure_one()
        website = self.env["website"].get_current_website()
        return bool(website.omni_channel_id and self.is_storable
                    and not self._omni_shop_may_oversell(website._omni_shop_channel())
                    and self._is_sold_out())

    def _website_show_quick_add(self):
        return not self._omni_sold_out() and super()._website_show_quick_add()

    def _get_additionnal_combination_info(self, product_or_template, quantity, date, website):
        res = super()._get_additionnal_combination_info(
            product_or_template, quantity, date, website)
        if not website.omni_channel_id or not product_or_template.is_storable:
            return res
        channel = website._omni_shop_channel()
        res["allow_out_of_stock_order"] = product_or_template._omni_shop_may_oversell(channel)
        res["omni_channel"] = True
        # "Only 1 Unit left", "Only 3 Units left" (Odoo's own says "Units" whatever the number)
        # earned: _omni_in_store_stock() checks the product with _omni_shopper_products; the
        # unit is read past the shopper's rights (website_sale's own combination info)
        res["omni_unit_uom"] = (
            product_or_template.sudo().uom_id == self.env.ref("uom.product_uom_unit"))
        if product_or_template.is_product_variant and "in_store_stock" in res:
            res["in_store_stock"] = website._omni_in_store_stock(product_or_template.sudo())
        return res
