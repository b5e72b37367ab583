# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Omnichannel Stock - Replenishment, Balancing, Supplier Scorecards",
    "summary": "Min/max recommendations from the forecasts and measured lead times, "
    "explained and applied to reordering rules with a log, store balancing proposals, "
    "monthly supplier scorecards",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/omni-stock/omni-stock",
    "author": "Omnichannel Stock Contributors",
    "license": "AGPL-3",
    "maintainers": ["omni-stock"],
    "development_status": "Alpha",
    "installable": True,  # pylint: disable=manifest-superfluous-key
    "depends": ["omni_stock_forecast", "omni_stock_cycle_count", "purchase_stock"],
    "data": [
        "security/omni_stock_replenish_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "data/omni_stock_kpi_data.xml",
        "views/omni_stock_replenish_recommendation_views.xml",
        "views/omni_stock_replenish_apply_log_views.xml",
        "views/omni_stock_replenish_balance_views.xml",
        "views/omni_stock_replenish_run_views.xml",
        "views/omni_stock_supplier_scorecard_views.xml",
        "views/res_config_settings_views.xml",
        "views/omni_stock_replenish_menus.xml",
    ],
}
