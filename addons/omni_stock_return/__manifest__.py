# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Omnichannel Stock - Returns",
    "summary": "Nothing returned is sellable until inspected: returns into inspection, "
    "authorizations with duplicate/excess detection, grading, dispositions, returns API",
    "version": "18.0.1.1.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/omni-stock/omni-stock",
    "author": "Omnichannel Stock Contributors",
    "license": "AGPL-3",
    "maintainers": ["omni-stock"],
    "development_status": "Beta",
    "installable": True,  # pylint: disable=manifest-superfluous-key
    "depends": ["omni_stock", "omni_stock_sale", "omni_stock_adjustment"],
    "data": [
        "security/omni_stock_return_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/omni_stock_return_reason_data.xml",
        "data/omni_stock_return_grade_data.xml",
        "data/ir_cron_data.xml",
        "views/omni_stock_return_views.xml",
        "views/omni_stock_return_reason_views.xml",
        "views/omni_stock_return_grade_views.xml",
        "views/stock_warehouse_views.xml",
        "wizards/omni_ats_breakdown_views.xml",
        "wizards/omni_stock_return_inspect_views.xml",
        "views/omni_stock_return_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "omni_stock_return/static/tests/tours/**/*",
        ],
    },
    "post_init_hook": "post_init_hook",
}
