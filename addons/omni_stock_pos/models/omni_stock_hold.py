from odoo import fields, models


class OmniStockHold(models.Model):
    _inherit = "omni.stock.hold"

    origin = fields.Selection(
        selection_add=[("pos", "Point of sale")], ondelete={"pos": "set default"})
    pos_config_id = fields.Many2one(
        "pos.config", string="Point of Sale", readonly=True, index="btree_not_null",
        ondelete="set null", check_company=True)
    pos_customer = fields.Char(
        string="Customer", readonly=True,
        help="Name or phone of the customer the store holds the units for.")
    partner_id = fields.Many2one(
        "res.partner", string="Customer Contact", readonly=True, index="btree_not_null",
        ondelete="set null")
    pos_order_id = fields.Many2one(
        "pos.order", string="POS Order", readonly=True, ondelete="set null")

    def _frozen_fields(self):
        return super()._frozen_fields() | {"pos_config_id", "pos_customer", "partner_id"}
