# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Omnichannel Stock - Barcode Receiving and Transfers",
    "summary": "One scanner for receipts and transfers (GS1, packages, strict mode, blind "
    "receiving, reason-coded tolerance differences, damaged on arrival, offline queue)",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/omni-stock/omni-stock",
    "author": "Omnichannel Stock Contributors",
    "license": "AGPL-3",
    "maintainers": ["omni-stock"],
    "development_status": "Alpha",
    "installable": True,  # pylint: disable=manifest-superfluous-key
    "depends": ["omni_stock_adjustment", "barcodes_gs1_nomenclature", "stock", "web"],
    "data": [
        "security/omni_stock_barcode_security.xml",
        "security/ir.model.access.csv",
        "data/omni_stock_barcode_data.xml",
        "views/omni_stock_scan_views.xml",
        "views/stock_picking_type_views.xml",
        "views/stock_picking_views.xml",
        "views/res_partner_views.xml",
        "views/product_category_views.xml",
        "views/omni_stock_barcode_menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "omni_stock_barcode/static/src/lib/*",
            "omni_stock_barcode/static/src/receiving/*",
        ],
        "web.assets_tests": [
            "omni_stock_barcode/static/tests/tours/*",
        ],
    },
}
