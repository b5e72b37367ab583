# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Omnichannel Stock - Store Transfers and Emergency Purchases",
    "summary": "Store transfer requests through transit with approvals by rule, the effect "
    "on ATS at both ends, send/receive variances, break-glass emergency purchases",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/omni-stock/omni-stock",
    "author": "Omnichannel Stock Contributors",
    "license": "AGPL-3",
    "maintainers": ["omni-stock"],
    "development_status": "Alpha",
    "installable": True,  # pylint: disable=manifest-superfluous-key
    "depends": ["omni_stock_adjustment", "omni_stock_report", "purchase_stock"],
    "data": [
        "security/omni_stock_transfer_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/omni_stock_alert_rule_data.xml",
        "wizards/omni_stock_break_glass_views.xml",
        "wizards/omni_stock_approval_decision_views.xml",
        "views/omni_stock_transfer_request_views.xml",
        "views/omni_stock_transfer_rule_views.xml",
        "views/omni_stock_transit_variance_views.xml",
        "views/omni_stock_emergency_purchase_views.xml",
        "views/purchase_order_views.xml",
        "views/res_config_settings_views.xml",
        "views/omni_stock_transfer_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "omni_stock_transfer/static/tests/tours/**/*",
        ],
    },
}
