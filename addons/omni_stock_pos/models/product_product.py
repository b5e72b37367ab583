from odoo import models
from odoo.addons.omni_stock.tools import validate


class ProductProduct(models.Model):
    _inherit = "product.product"

    def get_product_info_pos(self, price, quantity, pos_config_id):
        """Odoo's product info, plus the store channel's ATS and the network's."""
        config = validate.browse_one(self.env["pos.config"], pos_config_id,
                                     self.env._("point of sale"))._omni_check_access()
        info = super().get_product_info_pos(price, quantity, pos_config_id)
        info["omni_stock"] = config._omni_product_stock(self)
        return info
