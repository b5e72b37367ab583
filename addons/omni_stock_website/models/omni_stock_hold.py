from odoo import fields, models


class OmniStockHold(models.Model):
    _inherit = "omni.stock.hold"

    origin = fields.Selection(
        selection_add=[("website", "Website cart")],
        ondelete={"website": lambda holds: holds._write_lifecycle({"origin": "manual"})},
    )
