from odoo import api, models


class OmniStockReconciliationLine(models.Model):
    _inherit = "omni.stock.reconciliation.line"

    @api.model
    def _selection_source_ref(self):
        return [*super()._selection_source_ref(), ("omni.stock.count.task", "Count task")]
