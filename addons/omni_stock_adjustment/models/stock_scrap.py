# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from ..tools import is_internal, trusted_adjustment

# what an approval request of a scrap asks for: frozen while it waits
REQUESTED_FIELDS = {
    "company_id",
    "product_id",
    "product_uom_id",
    "scrap_qty",
    "location_id",
    "scrap_location_id",
    "lot_id",
    "package_id",
    "owner_id",
    "picking_id",
    "omni_reason_id",
    "omni_reason_note",
}


class StockScrap(models.Model):
    _name = "stock.scrap"
    _inherit = ["stock.scrap", "omni.stock.adjustment.reason.mixin"]

    omni_reason_id = fields.Many2one(tracking=True)
    omni_counter_ids = fields.Many2many(
        "res.users",
        "omni_stock_scrap_counter_rel",
        "scrap_id",
        "user_id",
        "Entered By",
        readonly=True,
        copy=False,
        help="Who created the scrap or changed what it scraps; they cannot approve it.",
    )
    omni_request_ids = fields.One2many(
        "omni.stock.adjustment.request", "scrap_id", "Approval Requests", readonly=True
    )
    omni_waiting_approval = fields.Boolean(compute="_compute_omni_waiting_approval")

    @api.depends("omni_request_ids.state")
    def _compute_omni_waiting_approval(self):
        for scrap in self:
            scrap.omni_waiting_approval = bool(scrap._omni_pending_requests())

    def _omni_pending_requests(self):
        # earned: only whether these scraps (the caller's) wait for a request
        return (
            self.env["omni.stock.adjustment.request"]
            .sudo()
            .search([("scrap_id", "in", self.ids), ("state", "=", "to_approve")])
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not is_internal(self.env):
            for vals in vals_list:
                vals["omni_counter_ids"] = [Command.link(self.env.uid)]
        return super().create(vals_list)

    def write(self, vals):
        if not is_internal(self.env):
            if "omni_counter_ids" in vals:
                raise UserError(self.env._("Who entered a scrap is recorded by the system."))
            if REQUESTED_FIELDS & set(vals):
                self._omni_check_not_waiting()
                vals = dict(vals, omni_counter_ids=[Command.link(self.env.uid)])
        if vals.get("date_done"):
            for scrap in self:
                scrap.company_id._omni_check_lock_date(vals["date_done"], self.env._("Scrap"))
        return super().write(vals)

    def _omni_check_not_waiting(self):
        """A scrap waiting for approval is frozen: neither changed nor validated again."""
        waiting = self._omni_pending_requests().scrap_id
        if waiting:
            raise UserError(
                self.env._(
                    "Scrap %s is waiting for approval: it cannot be changed or validated "
                    "until an approver decides.",
                    waiting[0].display_name,
                )
            )

    def _omni_scrap_onhand(self):
        self.ensure_one()
        return self.env["stock.quant"]._omni_onhand(
            self.product_id, self.location_id, self.lot_id, self.package_id, self.owner_id
        )

    def _omni_delta(self):
        self.ensure_one()
        return -self.product_uom_id._compute_quantity(self.scrap_qty, self.product_id.uom_id)

    def _omni_entry(self, **extra):
        """This scrap as an adjustment entry (see ``omni.stock.adjustment.policy``)."""
        self.ensure_one()
        return self.env["omni.stock.adjustment.policy"]._prepare_entry(
            self,
            self._omni_scrap_onhand(),
            self._omni_delta(),
            self.omni_reason_id,
            self.omni_reason_note,
            "scrap",
            counters=self.omni_counter_ids,
            scrap=self,
            **extra,
        )

    def _omni_check_scrappable(self):
        for scrap in self:
            if scrap.state != "draft":
                raise UserError(self.env._("Scrap %s is already done.", scrap.name))
            if (
                scrap.location_id.usage not in ("internal", "transit")
                or not scrap.scrap_location_id._omni_adjustment_locations()
            ):
                raise UserError(
                    self.env._(
                        "Scrap %s must take stock from an internal location to a scrap location.",
                        scrap.display_name,
                    )
                )
            rounding = scrap.product_uom_id.rounding
            if float_compare(scrap.scrap_qty, 0, precision_rounding=rounding) <= 0:
                raise UserError(self.env._("You can only scrap positive quantities."))

    def do_scrap(self):
        """Scrap only with a valid reason; large scraps wait for approval."""
        self._omni_check_scrappable()
        self._omni_check_not_waiting()
        Policy = self.env["omni.stock.adjustment.policy"]
        entries = Policy._check_entries([scrap._omni_entry() for scrap in self])
        to_apply, to_request = Policy._split_entries(entries)
        if to_request:
            requests = self.env["omni.stock.adjustment.request"]._omni_create_requests(to_request)
            for request in requests:
                request.scrap_id.message_post(
                    body=self.env._("Scrap sent for approval: %s", request.name)
                )
        scraps = self.browse([entry["scrap"].id for entry in to_apply])
        if scraps:
            scraps._omni_apply_scrap()
        return True

    def _omni_apply_scrap(self, request=None):
        """Validate checked scraps and log them; with ``request``, exactly what it
        asked for. Private: not reachable by RPC."""
        Log = self.env["omni.stock.adjustment.log"]
        log_vals = []
        for scrap in self:
            if scrap.state != "draft":
                raise UserError(self.env._("Scrap %s is already done.", scrap.name))
            entry = scrap._omni_entry(request=request)
            if not scrap.omni_reason_id:
                entry["source"] = "system"
            log_vals.append(Log._prepare_log_vals("applied", entry))
        with trusted_adjustment():
            super().do_scrap()  # pylint: disable=super-method-mismatch
        return Log._omni_log(log_vals)

    def _omni_check_requested(self, request):
        """Refuse to approve a scrap that differs from what its request asked."""
        self.ensure_one()
        Log = self.env["omni.stock.adjustment.log"]
        if (
            Log._omni_target_vals(self) != Log._omni_target_vals(request)
            or float_compare(
                self._omni_delta(),
                request.quantity_delta,
                precision_rounding=self.product_id.uom_id.rounding,
            )
            or self.omni_reason_id != request.reason_id
            or (self.omni_reason_note or False) != (request.note or False)
        ):
            raise UserError(
                self.env._(
                    "Scrap %(scrap)s differs from what request %(request)s asked for: reject "
                    "the request and validate the scrap again.",
                    scrap=self.display_name,
                    request=request.name,
                )
            )
