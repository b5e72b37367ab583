# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Omnichannel Stock Reporting",
    "summary": "KPI board, exception alerts as activities, write-offs by reason and store, "
    "XLSX exports",
    "version": "18.0.1.1.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/omni-stock/omni-stock",
    "author": "Omnichannel Stock Contributors",
    "license": "AGPL-3",
    "maintainers": ["omni-stock"],
    "development_status": "Alpha",
    "installable": True,  # pylint: disable=manifest-superfluous-key
    "depends": ["omni_stock_sale", "omni_stock_adjustment", "report_xlsx"],
    "data": [
        "security/omni_stock_report_security.xml",
        "security/ir.model.access.csv",
        "data/omni_stock_kpi_data.xml",
        "data/omni_stock_alert_rule_data.xml",
        "data/ir_cron_data.xml",
        "report/omni_stock_report_xlsx.xml",
        "wizards/omni_stock_kpi_board_views.xml",
        "wizards/omni_stock_writeoff_wizard_views.xml",
        "wizards/omni_stock_alert_ack_views.xml",
        "views/omni_stock_kpi_views.xml",
        "views/omni_stock_kpi_value_views.xml",
        "views/omni_stock_ats_snapshot_views.xml",
        "views/omni_stock_alert_views.xml",
        "views/omni_stock_alert_rule_views.xml",
        "views/omni_stock_writeoff_report_views.xml",
        "views/omni_stock_report_menus.xml",
    ],
}
