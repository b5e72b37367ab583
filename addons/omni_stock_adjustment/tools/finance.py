# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who reads stock values, and who reopens a closed period: finance.

The one rule: values of the suite (an adjustment's |change| x cost, write-off and
valuation amounts, the amounts behind value KPIs and alerts) are read by the group
*Stock Values (Finance)* only. Fields declare it with ``groups=FINANCE_GROUP``, so
that Odoo refuses them on every route (read, search_read, read_group, export, a
search or an order on the field, ``fields_get``); code that builds a figure outside
the ORM (SQL reports, XLSX sheets, alert texts) asks :func:`reads_values`.

Moving the stock lock date back (or clearing it) reopens closed periods: the same
group decides it, with a reason (:data:`lock_date_reason`), logged.

The group lives here, in the lowest addon that has values (the adjustment log),
so the rule holds without the reporting addons. Its former xml id
``omni_stock_report.group_omni_report_finance`` still finds it for ``env.ref`` and
data files (migration 18.0.1.2.0 and ``omni_stock_report``'s data); ``has_group`` and
``groups=`` know a group by its first xml id only, so code names :data:`FINANCE_GROUP`.
"""

from odoo.addons.omni_stock.tools.guard import ServerValue

FINANCE_GROUP = "omni_stock_adjustment.group_stock_values"

# the reason given with a lock date moved back (res.company.omni_set_stock_lock_date):
# set by server code only, so that no context key can stand for a reason
lock_date_reason = ServerValue("omni_stock_lock_date_reason")


def reads_values(env):
    """Whether the user of ``env`` may read stock values (the superuser does)."""
    return env.su or env.user.has_group(FINANCE_GROUP)
