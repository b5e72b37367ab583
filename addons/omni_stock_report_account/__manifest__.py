# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Omnichannel Stock Reporting - Accounting",
    "summary": "Stock valuation by status at any date, three-way reconciliation, period close "
    "checklist gating the stock lock date",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/omni-stock/omni-stock",
    "author": "Omnichannel Stock Contributors",
    "license": "AGPL-3",
    "maintainers": ["omni-stock"],
    "development_status": "Alpha",
    "installable": True,  # pylint: disable=manifest-superfluous-key
    "depends": ["omni_stock_report", "omni_stock_adjustment", "stock_account", "report_xlsx"],
    "data": [
        "security/omni_stock_report_account_security.xml",
        "security/ir.model.access.csv",
        "report/omni_stock_report_account_xlsx.xml",
        "wizards/omni_stock_valuation_wizard_views.xml",
        "wizards/omni_stock_period_close_override_views.xml",
        "views/omni_stock_valuation_report_views.xml",
        "views/omni_stock_reconciliation_views.xml",
        "views/omni_stock_period_close_views.xml",
        "views/res_config_settings_views.xml",
        "views/omni_stock_report_account_menus.xml",
    ],
}
