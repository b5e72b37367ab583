# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Omnichannel Stock - Balancing Proposals as Store Transfer Requests",
    "summary": "A balancing proposal of the replenishment becomes a store transfer "
    "request that goes through the transfer approval rules",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/omni-stock/omni-stock",
    "author": "Omnichannel Stock Contributors",
    "license": "AGPL-3",
    "maintainers": ["omni-stock"],
    "development_status": "Alpha",
    "installable": True,  # pylint: disable=manifest-superfluous-key
    "auto_install": True,
    "depends": ["omni_stock_replenish", "omni_stock_transfer"],
    "data": ["views/omni_stock_replenish_balance_views.xml"],
    "assets": {
        "web.assets_tests": [
            "omni_stock_replenish_transfer/static/tests/tours/**/*",
        ],
    },
}
