# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Omnichannel Stock - Cycle Counts",
    "summary": "ABC cycle counts with a scanner, pick-short exceptions and measured "
    "location accuracy that decides what channels may promise",
    "version": "18.0.1.2.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/omni-stock/omni-stock",
    "author": "Omnichannel Stock Contributors",
    "license": "AGPL-3",
    "maintainers": ["omni-stock"],
    "development_status": "Beta",
    "installable": True,  # pylint: disable=manifest-superfluous-key
    "depends": ["omni_stock_adjustment", "omni_stock_barcode", "barcodes", "web"],
    "data": [
        "security/omni_stock_cycle_count_security.xml",
        "security/ir.model.access.csv",
        "data/omni_stock_cycle_count_data.xml",
        "views/omni_stock_count_task_views.xml",
        "views/omni_stock_count_line_views.xml",
        "views/omni_stock_abc_class_views.xml",
        "views/omni_stock_pick_short_views.xml",
        "views/stock_warehouse_views.xml",
        "views/stock_location_views.xml",
        "views/product_category_views.xml",
        "wizards/omni_stock_pick_short_report_views.xml",
        "views/stock_picking_views.xml",
        "views/res_users_views.xml",
        "views/omni_stock_count_scanner.xml",
        "views/omni_stock_cycle_count_menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "omni_stock_cycle_count/static/src/scanner/*",
        ],
        "web.assets_tests": [
            "omni_stock_cycle_count/static/tests/tours/*",
        ],
    },
}
