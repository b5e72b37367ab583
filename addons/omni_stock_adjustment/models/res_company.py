# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import FINANCE_GROUP, is_system, lock_date_reason

THRESHOLD_FIELDS = {"omni_adj_threshold_qty", "omni_adj_threshold_value", "omni_adj_window_hours"}


class ResCompany(models.Model):
    _name = "res.company"
    _inherit = ["res.company", "omni.stock.adjustment.threshold.mixin"]

    omni_stock_lock_date = fields.Date(
        "Stock Lock Date",
        help="No stock adjustment, scrap or move validation dated on or before this date. "
        "Moving it forward: inventory managers; moving it back or clearing it (reopening "
        "closed periods): finance, with a reason.",
    )

    def write(self, vals):
        if THRESHOLD_FIELDS & set(vals) and not self._omni_is_inventory_manager():
            raise AccessError(
                self.env._("Only inventory managers can change the approval thresholds.")
            )
        log_vals = []
        if "omni_stock_lock_date" in vals:
            new = fields.Date.to_date(vals["omni_stock_lock_date"])
            log_vals = self._omni_check_lock_date_change(new)
        res = super().write(vals)
        if log_vals:
            self.env["omni.stock.adjustment.log"]._omni_log(log_vals)
        return res

    def _omni_is_inventory_manager(self):
        return is_system(self.env) or self.env.user.has_group("stock.group_stock_manager")

    def _omni_check_lock_date_change(self, new):
        """The one rule for every path that writes the stock lock date (the settings
        page, :meth:`omni_set_stock_lock_date`, a period close, a direct write, an
        import): moving it forward is the inventory managers'; moving it back or
        clearing it reopens closed periods, so it is finance's and needs a reason
        (:data:`..tools.lock_date_reason`, set by server code only). The caller is
        ``env.user`` even under ``sudo()``; the superuser (module data, scripts) is
        not asked. Nothing is written when refused.

        :return: the audit log values of the change, one per company that changes.
        """
        reason = (lock_date_reason.get() or "").strip()
        log_vals = []
        for company in self:
            # earned: only the lock date is read, to check its change against it
            old = company.sudo().omni_stock_lock_date
            if old == new:
                continue
            back = bool(old) and (not new or new < old)
            if back:
                self._omni_check_lock_date_back(company, reason)
            elif not self._omni_is_inventory_manager():
                raise AccessError(
                    self.env._("Only inventory managers can move the stock lock date forward.")
                )
            log_vals.append(self._prepare_lock_date_log_vals(company, old, new, back, reason))
        return log_vals

    def _omni_check_lock_date_back(self, company, reason):
        if is_system(self.env):
            return
        if not self.env.user.has_group(FINANCE_GROUP):
            raise AccessError(
                self.env._(
                    "Moving the stock lock date of %(company)s back or clearing it reopens "
                    "closed periods: only finance (Stock Values) can, with a reason.",
                    company=company.name,
                )
            )
        if not reason:
            raise UserError(
                self.env._(
                    "Give the reason for reopening the stock of %(company)s up to %(date)s "
                    "(Inventory > Settings > Stock lock date > Move Back or Clear).",
                    company=company.name,
                    date=company.sudo().omni_stock_lock_date,
                )
            )

    def _prepare_lock_date_log_vals(self, company, old, new, back, reason):
        none = self.env._("none")
        if back:
            note = self.env._(
                "Stock lock date moved back from %(old)s to %(new)s: %(reason)s",
                old=old,
                new=new or none,
                reason=reason or self.env._("no reason given (system)"),
            )
        else:
            note = self.env._(
                "Stock lock date changed from %(old)s to %(new)s", old=old or none, new=new
            )
        return {
            "event": "lock_date",
            "company_id": company.id,
            "requester_id": self.env.uid,
            "note": note,
        }

    def omni_set_stock_lock_date(self, date, reason=None):
        """Move the stock lock date without administration rights on companies (the
        ACL of res.company): forward for inventory managers, back or cleared for
        finance with a ``reason``; checked and logged by :meth:`write`."""
        self.check_access("read")
        if reason is not None and not isinstance(reason, str):
            raise UserError(self.env._("The reason must be a text."))
        try:
            if date and not isinstance(date, (str, datetime.date)):
                raise ValueError(date)
            date = fields.Date.to_date(date) or False
        except ValueError:
            raise UserError(self.env._("Give the lock date as a date (YYYY-MM-DD).")) from None
        with lock_date_reason(reason):
            # sudo: the ACL of res.company only; write() checks the caller's rights
            return self.sudo().write({"omni_stock_lock_date": date})

    def _omni_check_lock_date(self, date, what):
        """Refuse ``what`` when ``date`` (date or datetime) is on or before the
        lock date of the company."""
        if isinstance(date, datetime.datetime):
            date = date.date()
        date = fields.Date.to_date(date)
        for company in self:
            # earned: only the lock date is read, to refuse what it locks
            lock = company.sudo().omni_stock_lock_date
            if lock and date and date <= lock:
                raise UserError(
                    self.env._(
                        "%(what)s dated %(date)s is refused: stock is locked up to %(lock)s "
                        "for %(company)s.",
                        what=what,
                        date=date,
                        lock=lock,
                        company=company.name,
                    )
                )
