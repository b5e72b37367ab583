# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.addons.omni_stock_adjustment.tools import FINANCE_GROUP, is_system, lock_date_reason
from odoo.exceptions import AccessError, UserError

from ..tools import close_workflow, is_close_cleared

CLOSE_MANAGER = "omni_stock_report_account.group_omni_report_close"


class ResCompany(models.Model):
    _inherit = "res.company"

    omni_close_gate = fields.Boolean(
        "Lock Date Needs a Clear Close Checklist",
        help="Moving the stock lock date forward is refused while the period close "
        "checklist up to the new date has open items, unless a period close manager "
        "overrides it with a note (logged).",
    )
    omni_stock_values_finance_only = fields.Boolean(
        "Stock Values for Finance Only",
        help="Odoo's own stock values (quant values, valuation layers, a product's or "
        "lot's value and average cost) are read by finance only, no longer by Inventory "
        "Managers. Values of the suite are finance's in any case.",
    )
    omni_close_inspection_days = fields.Integer(
        "Inspection Limit (days)",
        default=14,
        help="Period close: stock waiting in an inspection location for longer than this "
        "at the cut-off is an open item.",
    )

    def write(self, vals):
        settings = ("omni_close_gate", "omni_close_inspection_days")
        if any(name in vals and company[name] != vals[name]
               for company in self for name in settings):
            self._omni_check_close_manager()
        values_setting = "omni_stock_values_finance_only"
        changes_values = any(values_setting in vals and company[values_setting]
                             != bool(vals[values_setting]) for company in self)
        if changes_values and not (is_system(self.env)
                                   or self.env.user.has_group(FINANCE_GROUP)):
            raise AccessError(self.env._(
                "Only finance decides who reads the stock values (Stock Values for Finance "
                "Only)."))
        if vals.get("omni_stock_lock_date"):
            self._omni_check_close_gate(fields.Date.to_date(vals["omni_stock_lock_date"]))
        before = {company.id: company.omni_stock_lock_date for company in self}
        res = super().write(vals)
        if "omni_stock_lock_date" in vals:
            self._omni_reopen_closes(before)
        if changes_values:
            self.env["res.users"].search([("company_ids", "in", self.ids)]) \
                ._omni_sync_odoo_valuation()
        return res

    def omni_set_close_gate(self, enabled):
        """Let period close managers turn the gate on or off without administration
        rights on companies (the ACL of res.company)."""
        self._omni_check_close_manager()
        self.check_access("read")
        self.sudo().write({"omni_close_gate": bool(enabled)})
        for company in self:
            self.env["omni.stock.adjustment.log"]._omni_log([{
                "event": "close_gate",
                "company_id": company.id,
                "requester_id": self.env.uid,
                "note": self.env._("Period close gate turned %s",
                                   self.env._("on") if enabled else self.env._("off")),
            }])
        return True

    def omni_set_values_finance_only(self, enabled):
        """Let finance switch *Stock Values for Finance Only* without administration
        rights on companies (the ACL of res.company); checked by :meth:`write`."""
        self.check_access("read")
        # sudo: the ACL of res.company only; write() checks the caller is finance
        self.sudo().write({"omni_stock_values_finance_only": bool(enabled)})
        return True

    def _omni_check_close_manager(self):
        if not (is_system(self.env) or self.env.user.has_group(CLOSE_MANAGER)):
            raise AccessError(self.env._(
                "Only period close managers can change the period close settings."))

    def _omni_check_close_gate(self, date):
        """Refuse moving the lock date forward to ``date`` while the close checklist
        has open items (companies with the gate on), unless this move comes from a
        period close that cleared it."""
        Close = self.env["omni.stock.period.close"]
        # earned: a refusal: reads the gate and the checklist; only the open items are named
        for company in self.sudo():
            if not company.omni_close_gate or is_close_cleared(company.id, date):
                continue
            if company.omni_stock_lock_date and date <= company.omni_stock_lock_date:
                continue  # reopening or unchanged: no checklist
            items = [item for item in Close._checklist(company, date) if item["state"] == "open"]
            if items:
                raise UserError(self.env._(
                    "The stock lock date of %(company)s cannot move to %(date)s: the period "
                    "close checklist is not clear.\n%(items)s\nClear these items and close the "
                    "period (Inventory > Omnichannel > Finance > Period Close), or have a period "
                    "close manager override it with a note.",
                    company=company.name, date=date,
                    items="\n".join(f"- {item['name']}: {item['detail']}" for item in items),
                ))

    def _omni_reopen_closes(self, before):
        """Closed periods after a lock date moved back are reopened (noted)."""
        # earned: write() checked the move back (_omni_check_lock_date_change: finance's)
        for company in self.sudo():
            lock = company.omni_stock_lock_date
            if before.get(company.id) and (not lock or lock < before[company.id]):
                closes = self.env["omni.stock.period.close"].sudo().search([
                    ("company_id", "=", company.id), ("state", "=", "closed"),
                    ("date_to", ">", lock or fields.Date.to_date("1900-01-01")),
                ])
                reason = (lock_date_reason.get() or "").strip()
                with close_workflow():
                    closes.write({"state": "reopened"})
                for close in closes:
                    close.message_post(body=self.env._(
                        "Reopened by %(user)s: the stock lock date moved back to %(date)s. "
                        "Reason: %(reason)s",
                        user=self.env.user.name, date=lock or self.env._("none"),
                        reason=reason or self.env._("none given (system)")))
