# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Omnichannel Stock",
    "summary": "Stock statuses, sales channels and explainable available-to-sell",
    "version": "18.0.1.3.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/omni-stock/omni-stock",
    "author": "Omnichannel Stock Contributors",
    "license": "AGPL-3",
    "maintainers": ["omni-stock"],
    "development_status": "Beta",
    "installable": True,  # pylint: disable=manifest-superfluous-key
    "depends": ["stock", "mail"],
    "post_load": "_post_load",
    "data": [
        "security/omni_stock_security.xml",
        "security/ir.model.access.csv",
        "data/omni_stock_hold_cron.xml",
        "data/omni_ats_state_cron.xml",
        "data/omni_stock_status_transition_data.xml",
        "views/omni_channel_views.xml",
        "views/stock_location_views.xml",
        "views/omni_stock_status_transition_views.xml",
        "report/omni_stock_position_views.xml",
        "wizards/omni_ats_explanation_views.xml",
        "wizards/omni_ats_breakdown_views.xml",
        "views/product_views.xml",
        "views/omni_stock_hold_views.xml",
        "views/omni_api_request_log_views.xml",
        "views/res_users_views.xml",
        "views/omni_stock_menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "omni_stock/static/src/omni_error.js",
        ],
    },
}
