# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import is_system


class ResCompany(models.Model):
    _name = "res.company"
    _inherit = ["res.company", "omni.stock.adjustment.threshold.mixin"]

    omni_stock_lock_date = fields.Date(
        "Stock Lock Date",
        help="No stock adjustment, scrap or move validation dated on or before this date.",
    )

    def write(self, vals):
        guarded = {
            "omni_stock_lock_date",
            "omni_adj_threshold_qty",
            "omni_adj_threshold_value",
            "omni_adj_window_hours",
        }
        if guarded & set(vals) and not (
            is_system(self.env) or self.env.user.has_group("stock.group_stock_manager")
        ):
            raise AccessError(
                self.env._(
                    "Only inventory managers can change the stock lock date or approval thresholds."
                )
            )
        log_vals = []
        if "omni_stock_lock_date" in vals:
            new = fields.Date.to_date(vals["omni_stock_lock_date"])
            for company in self:
                if company.omni_stock_lock_date != new:
                    log_vals.append(
                        {
                            "event": "lock_date",
                            "company_id": company.id,
                            "requester_id": self.env.uid,
                            "note": self.env._(
                                "Stock lock date changed from %(old)s to %(new)s",
                                old=company.omni_stock_lock_date or self.env._("none"),
                                new=new or self.env._("none"),
                            ),
                        }
                    )
        res = super().write(vals)
        if log_vals:
            self.env["omni.stock.adjustment.log"]._omni_log(log_vals)
        return res

    def omni_set_stock_lock_date(self, date):
        """Let inventory managers move the lock date without administration
        rights on companies (the ACL of res.company); logged by write()."""
        if not self.env.user.has_group("stock.group_stock_manager"):
            raise AccessError(self.env._("Only inventory managers can change the stock lock date."))
        self.check_access("read")
        return self.sudo().write({"omni_stock_lock_date": date})

    def _omni_check_lock_date(self, date, what):
        """Refuse ``what`` when ``date`` (date or datetime) is on or before the
        lock date of the company."""
        if isinstance(date, datetime.datetime):
            date = date.date()
        date = fields.Date.to_date(date)
        for company in self:
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
