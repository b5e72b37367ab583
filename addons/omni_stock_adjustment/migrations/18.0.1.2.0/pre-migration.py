# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The finance group *Stock Values (Finance)* moves down from omni_stock_report to
this addon (the lowest one with values): the existing group, with its users, takes
the new xml id instead of a second group being created. omni_stock_report keeps
its former xml id as an alias of the same group."""

from odoo.tools import SQL

OLD = ("omni_stock_report", "group_omni_report_finance")
NEW = ("omni_stock_adjustment", "group_stock_values")


def migrate(cr, version):
    cr.execute(SQL(
        """
        UPDATE ir_model_data SET module = %(new_module)s, name = %(new_name)s
         WHERE module = %(old_module)s AND name = %(old_name)s AND model = 'res.groups'
           AND NOT EXISTS (SELECT 1 FROM ir_model_data
                            WHERE module = %(new_module)s AND name = %(new_name)s)
        """,
        old_module=OLD[0], old_name=OLD[1], new_module=NEW[0], new_name=NEW[1],
    ))
