# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Odoo's own valuation fields behind the company setting *Stock Values for Finance
Only* (``res.company.omni_stock_values_finance_only``).

Odoo shows stock values to Inventory Managers: ``stock.quant.value``, the valuation
layers (Inventory > Reporting > Valuation) and, to every internal user, a product's
or lot's ``value_svl`` / ``avg_cost`` / ``total_value``. Field access in Odoo is
per user (``groups=``), not per company, so the setting decides who is in the
technical group *Odoo Valuation Fields* that these fields now require:

- a finance user (*Stock Values (Finance)*) always is;
- an Inventory Manager is unless one of their companies has the setting on;
- nobody else is (a plain inventory user no longer reads a product's value).

Membership is kept by :meth:`ResUsers._omni_sync_odoo_valuation` whenever a user's
groups or companies, a group's users, or the setting change. The layers themselves
(``stock.valuation.layer``) are hidden by record rules of the companies with the
setting on (``security/``). Odoo's computations are untouched: the fields are
computed as before (``compute_sudo``), only reading them is restricted, on every
route (read, search_read, read_group, export, views).
"""

from odoo import api, fields, models
from odoo.addons.omni_stock.tools.guard import ServerFlag
from odoo.addons.omni_stock_adjustment.tools import FINANCE_GROUP

ODOO_VALUATION = "omni_stock_report_account.group_odoo_valuation"
MANAGER = "stock.group_stock_manager"
# the sync writes users' groups itself: no second sync from that write
_syncing = ServerFlag("omni_stock_odoo_valuation_sync")


class StockQuant(models.Model):
    _inherit = "stock.quant"

    value = fields.Monetary(groups=ODOO_VALUATION)
    currency_id = fields.Many2one(groups=ODOO_VALUATION)

    def _read_group_select(self, aggregate_spec, query):
        # stock_account sums the value of each group in Python from the records,
        # outside the SQL that checks a field's groups: check them here too
        if aggregate_spec.split(":")[0] == "value":
            self.check_field_access_rights("read", ["value"])
        return super()._read_group_select(aggregate_spec, query)


class ProductProduct(models.Model):
    _inherit = "product.product"

    value_svl = fields.Float(groups=ODOO_VALUATION)
    avg_cost = fields.Monetary(groups=ODOO_VALUATION)
    total_value = fields.Monetary(groups=ODOO_VALUATION)


class StockLot(models.Model):
    _inherit = "stock.lot"

    value_svl = fields.Float(groups=ODOO_VALUATION)
    avg_cost = fields.Monetary(groups=ODOO_VALUATION)
    total_value = fields.Monetary(groups=ODOO_VALUATION)


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._omni_sync_odoo_valuation()
        return users

    def write(self, vals):
        res = super().write(vals)
        if not _syncing.is_set() and any(
                key in ("groups_id", "company_ids", "active")
                or key.startswith(("in_group_", "sel_groups_")) for key in vals):
            self._omni_sync_odoo_valuation()
        return res

    def _omni_reads_odoo_valuation(self):
        """The rule (see the module docstring) for one user."""
        self.ensure_one()
        if self.has_group(FINANCE_GROUP):
            return True
        # earned: a rule about this user: whether one of their companies keeps values for finance
        return self.has_group(MANAGER) and not any(
            self.sudo().company_ids.mapped("omni_stock_values_finance_only"))

    def _omni_sync_odoo_valuation(self):
        group = self.env.ref(ODOO_VALUATION, raise_if_not_found=False)
        if not group:
            return
        # never the template of new users: Odoo gives a group added to it to every
        # internal user at once, and new users copy its groups
        template = self.env.ref("base.default_user", raise_if_not_found=False)
        # earned: by the write that calls it: users' groups or companies (Access Rights
        # administrators), Stock Values for Finance Only (finance, in res.company.write); only
        # the Odoo valuation group is given or taken
        for user in self.sudo().with_context(active_test=False):
            should = (not user.share and user != template
                      and user._omni_reads_odoo_valuation())
            if should != (group in user.groups_id):
                command = fields.Command.link if should else fields.Command.unlink
                with _syncing():
                    user.write({"groups_id": [command(group.id)]})

    @api.model
    def _omni_sync_all_odoo_valuation(self):
        """Every internal user (module install and update)."""
        self.with_context(active_test=False).search([("share", "=", False)]) \
            ._omni_sync_odoo_valuation()


class ResGroups(models.Model):
    _inherit = "res.groups"

    def write(self, vals):
        res = super().write(vals)
        if not _syncing.is_set() and {"users", "implied_ids"} & set(vals):
            self.env["res.users"]._omni_sync_all_odoo_valuation()
        return res
