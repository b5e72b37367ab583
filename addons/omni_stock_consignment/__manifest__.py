# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Omnichannel Stock - Consignment and Vendor-owned Stock",
    "summary": "Owner agreements per vendor: which channels sell its stock, owner-aware "
    "ATS and reservation, consigned receipts, self-billing settlement of sales, scraps "
    "and losses",
    "version": "18.0.1.1.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/omni-stock/omni-stock",
    "author": "Omnichannel Stock Contributors",
    "license": "AGPL-3",
    "maintainers": ["omni-stock"],
    "development_status": "Alpha",
    "installable": True,  # pylint: disable=manifest-superfluous-key
    "depends": ["omni_stock_sale", "purchase_stock"],
    "data": [
        "security/omni_stock_consignment_security.xml",
        "security/ir.model.access.csv",
        "views/omni_stock_consignment_agreement_views.xml",
        "views/account_move_views.xml",
        "views/omni_stock_consignment_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "omni_stock_consignment/static/tests/tours/**/*",
        ],
    },
}
