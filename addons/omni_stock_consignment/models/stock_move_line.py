# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# sold, scrapped or lost, consumed by a production (a component of a kit or product)
SETTLED_DESTINATIONS = ("customer", "inventory", "production")


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    omni_consign_bill_line_ids = fields.One2many(
        "account.move.line", "omni_consign_move_line_id", string="Settlement Lines",
        readonly=True)

    def _omni_consign_sign(self):
        """+1: consigned units that left (sold, scrapped, lost, consumed); -1: consigned units a
        customer returned; 0: not settled (a transfer, a receipt, a vendor return)."""
        self.ensure_one()
        if not self.owner_id or self.owner_id == self.company_id.partner_id:
            return 0
        source, dest = self.location_id.usage, self.location_dest_id.usage
        if source == "internal" and dest in SETTLED_DESTINATIONS:
            return 1
        if source == "customer" and dest == "internal":
            return -1
        return 0

    def _omni_consign_settle(self):
        """Add each done line of consigned units that left (or came back) to its owner's
        draft self-billing bill of the period: once per line."""
        lines = self.filtered(lambda ml: ml.state == "done" and ml.owner_id
                              and ml._omni_consign_sign())
        if not lines:
            return
        # earned: settlement is the server's consequence of stock moves the caller was
        # allowed to validate (a cashier, a salesperson, a stock user): none of them may
        # write vendor bills, every one of them must make the owner's bill grow
        lines = lines.sudo()
        lines -= lines.omni_consign_bill_line_ids.omni_consign_move_line_id
        if lines:
            self.env["account.move"].sudo()._omni_consign_add_lines(lines)

    def _omni_consign_date(self):
        """The day the units left, in the company's calendar (the user's timezone)."""
        return fields.Date.context_today(self, self.date or fields.Datetime.now())
