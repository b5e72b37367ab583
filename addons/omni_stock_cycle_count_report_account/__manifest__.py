# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Omnichannel Stock - Cycle Counts in Reconciliation and Close",
    "summary": "Cycle counts waiting for their recount explain reconciliation differences "
    "and hold the period close",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/omni-stock/omni-stock",
    "author": "Omnichannel Stock Contributors",
    "license": "AGPL-3",
    "maintainers": ["omni-stock"],
    "development_status": "Beta",
    "installable": True,  # pylint: disable=manifest-superfluous-key
    "auto_install": True,
    "depends": ["omni_stock_cycle_count", "omni_stock_report_account"],
}
