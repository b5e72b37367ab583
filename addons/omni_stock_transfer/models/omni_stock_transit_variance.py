# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.addons.omni_stock.tools.guard import without_defaults
from odoo.addons.omni_stock_adjustment.tools import FINANCE_GROUP
from odoo.exceptions import AccessError, UserError

VARIANCE_REASONS = [
    ("lost", "Lost in transit"),
    ("damaged", "Damaged in transit"),
    ("theft", "Theft"),
    ("sender_miscount", "Miscounted when shipped"),
    ("receiver_miscount", "Miscounted when received"),
    ("wrong_item", "Wrong item shipped"),
    ("other", "Other"),
]
EXPLAINABLE = {"reason", "note"}


class OmniStockTransitVariance(models.Model):
    """Units shipped and not received (or received in excess) by a store transfer:
    recorded by the server on receipt, explained with a reason by the sending or
    receiving store, read by finance."""

    _name = "omni.stock.transit.variance"
    _description = "Transit Variance"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _mail_post_access = "read"

    request_id = fields.Many2one("omni.stock.transfer.request", required=True, readonly=True,
                                 ondelete="cascade", index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    warehouse_id = fields.Many2one(related="request_id.warehouse_id", store=True,
                                   string="Sender")
    warehouse_dest_id = fields.Many2one(related="request_id.warehouse_dest_id", store=True,
                                        string="Receiver")
    product_id = fields.Many2one("product.product", required=True, readonly=True)
    product_uom_id = fields.Many2one(related="product_id.uom_id")
    quantity_shipped = fields.Float("Shipped", readonly=True, digits="Product Unit of Measure")
    quantity_received = fields.Float("Received", readonly=True,
                                     digits="Product Unit of Measure")
    quantity = fields.Float("Variance", compute="_compute_quantity", store=True,
                            digits="Product Unit of Measure",
                            help="Shipped - received: positive, units missing; negative, "
                            "units received in excess.")
    value = fields.Float(compute="_compute_value", groups=FINANCE_GROUP,
                         help="Variance x the product's cost.")
    reason = fields.Selection(VARIANCE_REASONS, tracking=True)
    note = fields.Text(tracking=True)
    state = fields.Selection([("open", "To Explain"), ("explained", "Explained")],
                             default="open", required=True, readonly=True, index=True,
                             tracking=True)
    explained_by_id = fields.Many2one("res.users", readonly=True)
    explained_at = fields.Datetime(readonly=True)

    @api.depends("quantity_shipped", "quantity_received")
    def _compute_quantity(self):
        for variance in self:
            variance.quantity = variance.quantity_shipped - variance.quantity_received

    @api.depends("quantity", "product_id")
    def _compute_value(self):
        for variance in self:
            variance.value = variance.quantity * variance.product_id.standard_price

    @api.model
    def _omni_create(self, vals_list):
        """Record variances (server side: a receipt was validated)."""
        # earned: the caller (a receipt's validation) recorded what was shipped and received
        variances = without_defaults(self.sudo()).with_context(_omni_variance_create=True)
        variances = variances.create(vals_list)
        for variance in variances:
            variance.request_id.message_post(body=self.env._(
                "Transit variance: %(product)s shipped %(sent)s, received %(got)s.",
                product=variance.product_id.display_name, sent=variance.quantity_shipped,
                got=variance.quantity_received))
        return variances

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.context.get("_omni_variance_create") or not self.env.su:
            raise AccessError(self.env._("Transit variances are recorded by receipts only."))
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) - EXPLAINABLE and not self.env.su:
            raise AccessError(self.env._(
                "Only the reason and note of a transit variance can be changed (Explain)."))
        return super().write(vals)

    def action_explain(self, reason=None, note=None):
        """Give (or change) the reason: the variance is explained."""
        self.check_access("write")
        reason = reason or self.reason
        for variance in self:
            if not (reason or variance.reason):
                raise UserError(self.env._("Choose the reason of the variance of %s.",
                                           variance.product_id.display_name))
            if (reason or variance.reason) == "other" and not (note or variance.note):
                raise UserError(self.env._("Explain an 'Other' variance in the note."))
        vals = {key: value for key, value in (("reason", reason), ("note", note)) if value}
        if vals:
            self.write(vals)
        # earned: check_access("write") above: the user explains variances they may edit
        self.sudo().write({"state": "explained", "explained_by_id": self.env.uid,
                           "explained_at": fields.Datetime.now()})
        return True
