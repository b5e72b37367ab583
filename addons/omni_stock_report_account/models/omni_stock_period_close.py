# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Period close: a checklist per company and period end, then the stock lock date.

Checklist items are a registry (:meth:`_checklist_items`): each declares the
model it reads (and the module providing it) and is checked by
``_check_<code>(company, date_to, cutoff)`` returning ``(count, res_model,
domain, detail)``.  An item whose source is not installed is shown as such and
does not block.  Other addons add items by extending ``_checklist_items`` and
adding their ``_check_<code>``.
"""

import datetime

from odoo import api, fields, models
from odoo.addons.omni_stock.tools.guard import without_defaults
from odoo.addons.omni_stock_adjustment.tools import FINANCE_GROUP
from odoo.exceptions import AccessError, UserError

from ..tools import close_cleared, close_workflow

# what the close's actions record: never written by hand, nor born set
WORKFLOW_FIELDS = {"state", "closed_by", "closed_at", "override_note", "override_by",
                   "checked_at", "check_ids", "reconciliation_id"}

CLOSE_MANAGER = "omni_stock_report_account.group_omni_report_close"


def _plain(domain):
    """The domain with dates as strings, so that it can be stored and evaluated."""
    plain = []
    for term in domain:
        if isinstance(term, (list, tuple)) and len(term) == 3:
            value = term[2]
            if isinstance(value, datetime.datetime):
                value = fields.Datetime.to_string(value)
            elif isinstance(value, datetime.date):
                value = fields.Date.to_string(value)
            term = (term[0], term[1], value)
        plain.append(term)
    return plain


def cutoff_of(date_to):
    """The first instant (UTC) after the day ``date_to``."""
    return datetime.datetime.combine(date_to + datetime.timedelta(days=1), datetime.time.min)


class OmniStockPeriodClose(models.Model):
    _name = "omni.stock.period.close"
    _description = "Stock Period Close"
    _inherit = ["mail.thread", "omni.stock.report.export.mixin"]
    _order = "date_to desc, id desc"
    _mail_post_access = "read"

    @api.model
    def _default_date_to(self):
        return fields.Date.context_today(self).replace(day=1) - datetime.timedelta(days=1)

    @api.model
    def _default_date_from(self):
        return self._default_date_to().replace(day=1)

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )
    date_from = fields.Date(required=True, default=lambda self: self._default_date_from())
    date_to = fields.Date(
        "Period End", required=True, default=lambda self: self._default_date_to(),
        help="The stock lock date is set to this day when the period is closed.",
    )
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed"), ("reopened", "Reopened")],
        default="open", required=True, readonly=True, tracking=True,
    )
    check_ids = fields.One2many("omni.stock.period.close.check", "close_id", readonly=True)
    is_clear = fields.Boolean(
        "Checklist Clear", compute="_compute_is_clear", store=True,
        help="Checked, and no open item.",
    )
    checked_at = fields.Datetime(readonly=True)
    reconciliation_id = fields.Many2one("omni.stock.reconciliation", readonly=True)
    closed_by = fields.Many2one("res.users", readonly=True)
    closed_at = fields.Datetime(readonly=True)
    override_note = fields.Text(readonly=True, tracking=True)
    override_by = fields.Many2one("res.users", readonly=True)

    _sql_constraints = [
        ("company_date_uniq", "unique(company_id, date_to)",
         "There is already a period close for this company and period end."),
        ("dates", "CHECK(date_from <= date_to)", "The period cannot end before it starts."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        """A close is born open, whatever ``default_*`` keys the caller's context has."""
        if not close_workflow.is_set() and any(WORKFLOW_FIELDS & set(vals) for vals in vals_list):
            self._omni_refuse_workflow_write()
        return super(OmniStockPeriodClose, without_defaults(self)).create(vals_list)

    def write(self, vals):
        if not close_workflow.is_set() and WORKFLOW_FIELDS & set(vals):
            self._omni_refuse_workflow_write()
        if {"company_id", "date_from", "date_to"} & set(vals) and any(
                close.state == "closed" for close in self):
            raise UserError(self.env._(
                "A closed period keeps its company and dates: reopen it first."))
        return super().write(vals)

    def _omni_refuse_workflow_write(self):
        raise UserError(self.env._(
            "A period close is checked, closed and reopened through its actions only "
            "(Check, Close Period, Close Anyway; Reopen moves the stock lock date back)."))

    @api.depends("company_id", "date_from", "date_to")
    def _compute_name(self):
        for close in self:
            close.name = self.env._(
                "%(company)s: %(start)s – %(end)s", company=close.company_id.name,
                start=close.date_from, end=close.date_to)

    @api.depends("check_ids.state", "checked_at")
    def _compute_is_clear(self):
        for close in self:
            close.is_clear = bool(close.checked_at) and all(
                check.state != "open" for check in close.check_ids)

    # ------------------------------------------------------------------
    # the checklist
    # ------------------------------------------------------------------
    @api.model
    def _checklist_items(self):
        """[(code, name, source_model, source_module)] in display order."""
        return [
            ("pending_adjustments", self.env._("No adjustment request pending"),
             "omni.stock.adjustment.request", "omni_stock_adjustment"),
            ("counts_not_applied", self.env._("No count entered but not applied"),
             "stock.quant", "stock"),
            ("returns_waiting", self.env._("No return waiting inspection beyond the limit"),
             "stock.quant", "omni_stock"),
            ("open_moves", self.env._("No move left unvalidated before the cut-off"),
             "stock.move", "stock"),
            ("reconciliation", self.env._("Reconciliation differences reviewed"),
             "omni.stock.reconciliation", "omni_stock_report_account"),
        ]

    @api.model
    def _checklist(self, company, date_to):
        """Every item for ``company`` up to ``date_to`` (sudo: a gate, not a listing):
        dicts with code, name, state (ok, open, unavailable), count, detail,
        res_model, domain."""
        cutoff = cutoff_of(date_to)
        items = []
        for code, name, source_model, source_module in self._checklist_items():
            # earned: a gate, not a listing: _check_finance() in action_check, the lock date rule in
            # res.company.write; only counts and item names leave
            check = getattr(self.sudo(), f"_check_{code}", None)
            if source_model not in self.env or check is None:
                items.append({"code": code, "name": name, "state": "unavailable", "count": 0,
                              "detail": self.env._("needs %s, not installed", source_module),
                              "res_model": False, "domain": "[]"})
                continue
            count, res_model, domain, detail = check(company, date_to, cutoff)
            items.append({"code": code, "name": name, "state": "open" if count else "ok",
                          "count": count, "detail": detail, "res_model": res_model,
                          "domain": repr(_plain(domain))})
        return items

    def _check_pending_adjustments(self, company, date_to, cutoff):
        domain = [("company_id", "=", company.id), ("state", "=", "to_approve"),
                  "|", ("create_date", "<", cutoff), ("accounting_date", "<=", date_to)]
        count = self.env["omni.stock.adjustment.request"].search_count(domain)
        return count, "omni.stock.adjustment.request", domain, self.env._(
            "%s adjustment requests wait for approval", count) if count else ""

    def _check_counts_not_applied(self, company, date_to, cutoff):
        domain = [("company_id", "=", company.id), ("location_id.usage", "=", "internal"),
                  ("inventory_quantity_set", "=", True), ("inventory_diff_quantity", "!=", 0)]
        count = self.env["stock.quant"].search_count(domain)
        return count, "stock.quant", domain, self.env._(
            "%s counted quantities are not applied", count) if count else ""

    def _check_returns_waiting(self, company, date_to, cutoff):
        limit = company.omni_close_inspection_days
        domain = [("company_id", "=", company.id), ("location_id.usage", "=", "internal"),
                  ("location_id.omni_status", "=", "inspection"), ("quantity", ">", 0),
                  ("in_date", "<", cutoff - datetime.timedelta(days=limit))]
        count = self.env["stock.quant"].search_count(domain)
        return count, "stock.quant", domain, self.env._(
            "%(count)s stock positions await inspection for more than %(days)s days",
            count=count, days=limit) if count else ""

    def _check_open_moves(self, company, date_to, cutoff):
        domain = [("company_id", "=", company.id),
                  ("state", "not in", ("draft", "done", "cancel")), ("date", "<", cutoff),
                  "|", ("location_id.usage", "in", ("internal", "transit")),
                  ("location_dest_id.usage", "in", ("internal", "transit"))]
        count = self.env["stock.move"].search_count(domain)
        return count, "stock.move", domain, self.env._(
            "%s moves planned before the cut-off are not validated", count) if count else ""

    def _check_reconciliation(self, company, date_to, cutoff):
        Reconciliation = self.env["omni.stock.reconciliation"]
        reconciliation = Reconciliation.search([
            ("company_id", "=", company.id), ("date_to", "=", date_to),
            ("state", "!=", "draft")], order="computed_at desc, id desc", limit=1)
        if not reconciliation:
            return 1, "omni.stock.reconciliation", [("company_id", "=", company.id)], \
                self.env._("no reconciliation up to %s", date_to)
        domain = [("reconciliation_id", "=", reconciliation.id), ("reviewed", "=", False)]
        count = self.env["omni.stock.reconciliation.line"].search_count(domain)
        return count, "omni.stock.reconciliation.line", domain, self.env._(
            "%(count)s differences of %(name)s are not reviewed", count=count,
            name=reconciliation.name) if count else ""

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def _check_finance(self):
        if not self.env.user.has_group(FINANCE_GROUP):
            raise AccessError(self.env._("Only finance users can run a period close."))
        self.check_access("write")

    def action_check(self):
        """Run the checklist again and store it."""
        self._check_finance()
        for close in self.sudo():
            items = self._checklist(close.company_id, close.date_to)
            reconciliation = self.env["omni.stock.reconciliation"].search([
                ("company_id", "=", close.company_id.id), ("date_to", "=", close.date_to),
                ("state", "!=", "draft")], order="computed_at desc, id desc", limit=1)
            with close_workflow():
                close.write({
                    "check_ids": [fields.Command.clear()] + [
                        fields.Command.create({**item, "sequence": index})
                        for index, item in enumerate(items)],
                    "checked_at": fields.Datetime.now(),
                    "reconciliation_id": reconciliation.id,
                })
        return True

    def _ensure_open(self):
        for close in self:
            if close.state == "closed":
                raise UserError(self.env._("%s is already closed.", close.name))

    def _set_lock_date(self):
        """Lock up to the period end (never moves an existing lock date back)."""
        self.ensure_one()
        # earned: only the lock date is read; omni_set_stock_lock_date checks the change
        lock = self.company_id.sudo().omni_stock_lock_date
        if lock and lock >= self.date_to:
            return
        with close_cleared(self.company_id.id, self.date_to, self.name):
            self.company_id.omni_set_stock_lock_date(self.date_to)

    def action_close(self):
        """Close the period: the checklist must be clear; sets the stock lock date
        (which needs inventory manager rights, as every lock date change)."""
        self.ensure_one()
        self._ensure_open()
        self.action_check()
        open_items = self.check_ids.filtered(lambda check: check.state == "open")
        if open_items:
            raise UserError(self.env._(
                "The checklist of %(name)s is not clear:\n%(items)s",
                name=self.name,
                items="\n".join(f"- {item.name}: {item.detail}" for item in open_items)))
        self._set_lock_date()
        # earned: _check_finance() in action_check() above
        with close_workflow():
            self.sudo().write({"state": "closed", "closed_by": self.env.uid,
                               "closed_at": fields.Datetime.now()})
        self.message_post(body=self.env._("Period closed; stock locked up to %s.",
                                          self.date_to))
        return True

    def action_override(self, note):
        """Close despite open items: period close managers only, with a note that is
        logged in the adjustment audit log and the chatter."""
        self.ensure_one()
        if not self.env.user.has_group(CLOSE_MANAGER):
            raise AccessError(self.env._(
                "Only period close managers can close a period whose checklist is not clear."))
        note = (note or "").strip()
        if not note:
            raise UserError(self.env._("Explain in a note why the period is closed anyway."))
        self._ensure_open()
        self.action_check()
        open_items = self.check_ids.filtered(lambda check: check.state == "open")
        summary = "; ".join(f"{item.name}: {item.detail}" for item in open_items) or \
            self.env._("none")
        self._set_lock_date()
        now = fields.Datetime.now()
        with close_workflow():
            self.sudo().write({"state": "closed", "closed_by": self.env.uid,
                               "closed_at": now, "override_note": note,
                               "override_by": self.env.uid})
        self.env["omni.stock.adjustment.log"]._omni_log([{
            "event": "close_override",
            "company_id": self.company_id.id,
            "requester_id": self.env.uid,
            "note": self.env._(
                "Period close up to %(date)s overridden: %(note)s (open items: %(items)s)",
                date=self.date_to, note=note, items=summary),
        }])
        self.message_post(body=self.env._(
            "Closed with an override by %(user)s: %(note)s. Open items: %(items)s",
            user=self.env.user.name, note=note, items=summary))
        return True

    def action_reopen(self):
        """Reopen this period: move the stock lock date back before it, with a reason
        (finance; checked, logged and applied by ``res.company``)."""
        self.ensure_one()
        self._check_finance()
        if self.state != "closed":
            raise UserError(self.env._("%s is not closed.", self.name))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reopen %s", self.name),
            "res_model": "omni.stock.lock.date.change",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_company_id": self.company_id.id,
                        "default_lock_date": fields.Date.to_string(
                            self.date_from - datetime.timedelta(days=1))},
        }

    def _omni_xlsx_sheets(self):
        sheets = []
        for close in self:
            headers, rows = self._omni_table(
                close.check_ids, ["name", "state", "count", "detail"])
            sheets.append({
                "name": self.env._("Close %s", close.date_to),
                "filters": [
                    (self.env._("Company"), close.company_id.name),
                    (self.env._("Period"), f"{close.date_from} – {close.date_to}"),
                    (self.env._("State"), dict(close._fields["state"]._description_selection(
                        self.env))[close.state]),
                    (self.env._("Checked on"), self._omni_local_time(close.checked_at)),
                    (self.env._("Override note"), close.override_note or ""),
                ],
                "headers": headers,
                "rows": rows,
            })
        return sheets
