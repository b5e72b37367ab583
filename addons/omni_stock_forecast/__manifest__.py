# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Omnichannel Stock - Demand Forecast and Anomalies",
    "summary": "Weekly forecasts whose parts add up, backtested against seasonal naive, "
    "planner overrides, forecast accuracy KPIs, anomaly alerts with evidence",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/omni-stock/omni-stock",
    "author": "Omnichannel Stock Contributors",
    "license": "AGPL-3",
    "maintainers": ["omni-stock"],
    "development_status": "Alpha",
    "installable": True,  # pylint: disable=manifest-superfluous-key
    "depends": ["omni_stock_report", "omni_stock_job"],
    "external_dependencies": {"python": ["numpy"]},
    "data": [
        "security/omni_stock_forecast_security.xml",
        "security/ir.model.access.csv",
        "data/omni_stock_kpi_data.xml",
        "data/omni_stock_alert_rule_data.xml",
        "data/ir_cron_data.xml",
        "views/omni_stock_forecast_line_views.xml",
        "views/omni_stock_forecast_series_views.xml",
        "views/omni_stock_forecast_run_views.xml",
        "views/omni_stock_promotion_views.xml",
        "views/omni_stock_alert_views.xml",
        "views/omni_stock_forecast_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "omni_stock_forecast/static/tests/tours/**/*",
        ],
    },
}
