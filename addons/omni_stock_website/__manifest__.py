# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Omnichannel Stock - Web Shop",
    "summary": "The shop promises its channel's available-to-sell: cart holds, "
    "no oversell at checkout, pickup in store per store channel",
    "version": "18.0.1.0.0",
    "category": "Website/Website",
    "website": "https://github.com/omni-stock/omni-stock",
    "author": "Omnichannel Stock Contributors",
    "license": "AGPL-3",
    "maintainers": ["omni-stock"],
    "development_status": "Beta",
    "installable": True,  # pylint: disable=manifest-superfluous-key
    "depends": ["omni_stock_sale", "website_sale_stock", "website_sale_collect"],
    "data": [
        "views/omni_channel_views.xml",
        "views/res_config_settings_views.xml",
        "views/templates.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "omni_stock_website/static/src/js/**/*",
            "omni_stock_website/static/src/xml/**/*",
        ],
        "web.assets_tests": [
            "omni_stock_website/static/tests/tours/**/*",
        ],
    },
}
