from odoo import api, models


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        # each company has its own status transition matrix, with the safe defaults
        self.env["omni.stock.status.transition"]._omni_seed(companies)
        return companies
