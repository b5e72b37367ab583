# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Omnichannel Stock Demo Retailer",
    "summary": "A fashion retailer with a central warehouse, stores, a web shop and marketplaces",
    "version": "18.0.1.2.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/omni-stock/omni-stock",
    "author": "Omnichannel Stock Contributors",
    "license": "AGPL-3",
    "maintainers": ["omni-stock"],
    "development_status": "Beta",
    "installable": True,  # pylint: disable=manifest-superfluous-key
    "depends": [
        "omni_stock",
        "omni_stock_sale",
        "omni_stock_adjustment",
        "omni_stock_website",
        "payment_demo",
        "omni_stock_report",
        "omni_stock_report_account",
        "omni_stock_cycle_count",
        "omni_stock_pos",
        "omni_stock_return",
        "omni_stock_forecast",
    ],
    "data": [
        "data/omni_stock_demo_static.xml",
        "data/omni_stock_demo.xml",
        "data/omni_stock_report_demo.xml",
        "data/omni_stock_demo_count.xml",
        "data/omni_stock_demo_pos.xml",
        "data/omni_stock_demo_returns.xml",
        "data/omni_stock_demo_forecast.xml",
        # last: it tunes the web shop's figures on the stock the others leave
        "data/omni_stock_demo_website.xml",
        # the people (one user per role) and the approval flow, after every stock change
        "data/omni_stock_demo_users.xml",
        "data/omni_stock_demo_cashiers.xml",
        "data/omni_stock_demo_approvals.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "omni_stock_demo/static/tests/tours/**/*",
        ],
    },
}
