# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo counters Léa and Hugo count blind: the counter role of
``omni_stock_cycle_count`` instead of Inventory rights (the counts are loaded
once, as non-updatable data: a demo database made before needs this)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    # earned: a migration script, run by the server on update
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["omni.stock.demo.count"]._demo_counter_groups()
