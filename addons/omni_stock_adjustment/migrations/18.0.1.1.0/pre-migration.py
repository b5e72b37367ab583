# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Reasons take their threshold fields from the shared threshold mixin: keep
their values by renaming the columns (Odoo then drops the old fields' metadata,
whose columns no longer exist)."""

from odoo.tools import SQL
from odoo.tools.sql import column_exists, rename_column

RENAMED = {
    "override_thresholds": "omni_adj_override_thresholds",
    "threshold_qty": "omni_adj_threshold_qty",
    "threshold_value": "omni_adj_threshold_value",
}


def migrate(cr, version):
    table = "omni_stock_adjustment_reason"
    for old, new in RENAMED.items():
        if column_exists(cr, table, old) and not column_exists(cr, table, new):
            rename_column(cr, table, old, new)
    cr.execute(
        SQL(
            "ALTER TABLE %s DROP CONSTRAINT IF EXISTS %s",
            SQL.identifier(table),
            SQL.identifier(f"{table}_thresholds_positive"),
        )
    )
