# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.addons.omni_stock.tools import validate
from odoo.exceptions import UserError

from ..models.omni_stock_return_grade import DISPOSITIONS


class OmniStockReturnInspect(models.TransientModel):
    """The phone screen: scan the RMA or the product, grade, dispose."""

    _name = "omni.stock.return.inspect"
    _description = "Inspect a Return"

    scan = fields.Char(help="Scan or type the RMA number, or the product's barcode or "
                       "internal reference.")
    return_id = fields.Many2one(
        "omni.stock.return", domain="[('state', '=', 'received')]")
    product_id = fields.Many2one(related="return_id.product_id")
    quantity = fields.Float(related="return_id.quantity")
    reason_id = fields.Many2one(related="return_id.reason_id")
    grade_id = fields.Many2one("omni.stock.return.grade")
    disposition = fields.Selection(DISPOSITIONS)
    disposition_note = fields.Text()
    inspection_note = fields.Text()
    # the return's checklist (its category's), ticked on the phone
    check_ids = fields.One2many(related="return_id.check_ids", readonly=False)
    photo = fields.Image(
        max_width=1920, max_height=1920,
        help="A picture of the goods (the phone's camera): kept on the return.")
    waiting_count = fields.Integer(compute="_compute_waiting",
                                   help="Returns received and not inspected yet.")
    waiting_ids = fields.Many2many("omni.stock.return", compute="_compute_waiting",
                                   string="Waiting for Inspection",
                                   help="The oldest returns waiting: scan one of them.")

    @api.depends("return_id")  # the queue shown again after each disposition
    def _compute_waiting(self):
        Return = self.env["omni.stock.return"]
        domain = [("state", "=", "received")]
        count = Return.search_count(domain)
        waiting = Return.search(domain, order="received_date, id", limit=10)
        for wizard in self:
            wizard.waiting_count = count
            wizard.waiting_ids = waiting

    @api.model
    def _find_return(self, code):
        """The return awaiting inspection with that RMA, else the oldest one of the
        product with that barcode or reference."""
        Return = self.env["omni.stock.return"]
        awaiting = [("state", "=", "received")]
        rma = Return.search([*awaiting, ("name", "=", code)], limit=1)
        if not rma:
            rma = Return.search([*awaiting, "|", ("product_id.barcode", "=", code),
                                 ("product_id.default_code", "=", code)],
                                order="received_date, id", limit=1)
        return rma

    @api.onchange("scan")
    def _onchange_scan(self):
        if not self.scan:
            return None
        rma = self._find_return(self.scan.strip())
        self.scan = False
        if not rma:
            return {"warning": {"title": self.env._("Nothing to inspect"), "message": self.env._(
                "No return awaiting inspection matches this code.")}}
        self.return_id = rma
        return None

    @api.onchange("grade_id")
    def _onchange_grade_id(self):
        if self.grade_id:
            self.disposition = self.grade_id.disposition

    def _prepare_photo_vals(self):
        return {
            "name": self.env._("%s inspection photo", self.return_id.name),
            "res_model": "omni.stock.return", "res_id": self.return_id.id,
            "datas": self.photo, "mimetype": "image/png",
        }

    def action_done(self):
        """Record the grade and carry out the disposition; open the next scan."""
        validate.one(self, self.env._("inspection"))
        if not self.return_id:
            raise UserError(self.env._("Scan a return first."))
        self.return_id.write({
            "grade_id": self.grade_id.id, "disposition": self.disposition,
            "disposition_note": self.disposition_note,
            "inspection_note": self.inspection_note,
        })
        rma = self.return_id
        if self.photo:
            self.env["ir.attachment"].create(self._prepare_photo_vals())
        rma.action_inspect_and_dispose()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("%(rma)s graded %(grade)s", rma=rma.name,
                                    grade=rma.grade_id.name),
                "message": rma._omni_disposition_summary(),
                "type": "success",
                "sticky": False,
                "next": self.env["ir.actions.actions"]._for_xml_id(
                    "omni_stock_return.omni_stock_return_inspect_action"),
            },
        }
