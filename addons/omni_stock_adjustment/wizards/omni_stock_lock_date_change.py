# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmniStockLockDateChange(models.TransientModel):
    """Move the stock lock date with a reason: how finance reopens closed periods
    (the settings page and a period close's *Reopen* open it)."""

    _name = "omni.stock.lock.date.change"
    _description = "Change the Stock Lock Date"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company,
        domain=lambda self: [("id", "in", self.env.user.company_ids.ids)],
    )
    current_lock_date = fields.Date(related="company_id.omni_stock_lock_date",
                                    string="Current Lock Date")
    lock_date = fields.Date(
        "New Lock Date", help="Empty: no lock date (every period reopened).")
    reason = fields.Text(
        required=True, help="Why the stock of the closed periods is reopened (logged in the "
        "adjustment audit log and on the reopened period closes).")

    def action_confirm(self):
        for wizard in self:
            wizard.company_id.omni_set_stock_lock_date(wizard.lock_date, reason=wizard.reason)
        return {"type": "ir.actions.act_window_close"}
