# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Omnichannel Stock - Point of Sale",
    "summary": "Store and network available-to-sell in the POS; sales of open sessions "
    "withheld at once; refunds into inspection; an offline store stops promising",
    "version": "18.0.1.1.0",
    "category": "Sales/Point of Sale",
    "website": "https://github.com/omni-stock/omni-stock",
    "author": "Omnichannel Stock Contributors",
    "license": "AGPL-3",
    "maintainers": ["omni-stock"],
    "development_status": "Alpha",
    "installable": True,  # pylint: disable=manifest-superfluous-key
    "depends": ["omni_stock", "point_of_sale"],
    "data": [
        "security/ir.model.access.csv",
        "data/ir_cron.xml",
        "views/pos_config_views.xml",
        "views/omni_channel_views.xml",
        "views/stock_warehouse_views.xml",
        "views/omni_stock_hold_views.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "omni_stock_pos/static/src/app/**/*",
        ],
        "web.assets_tests": [
            "omni_stock_pos/static/tests/tours/**/*",
        ],
    },
}
