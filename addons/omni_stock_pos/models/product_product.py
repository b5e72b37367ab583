from odoo import models


class ProductProduct(models.Model):
    _inherit = "product.product"

    def get_product_info_pos(self, price, quantity, pos_config_id):
        """Odoo's product info, plus the store channel's ATS and the network's."""
        info = super().get_product_info_pos(price, quantity, pos_config_id)
        config = self.env["pos.config"].browse(pos_config_id)._omni_check_access()
        info["omni_stock"] = config._omni_product_stock(self)
        return info
