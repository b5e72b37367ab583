# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Omnichannel Stock - Sales",
    "summary": "Sale orders per channel, checked against the channel's available-to-sell",
    "version": "18.0.1.1.0",
    "category": "Sales/Sales",
    "website": "https://github.com/omni-stock/omni-stock",
    "author": "Omnichannel Stock Contributors",
    "license": "AGPL-3",
    "maintainers": ["omni-stock"],
    "development_status": "Beta",
    "installable": True,  # pylint: disable=manifest-superfluous-key
    "depends": ["omni_stock", "sale_stock"],
    "data": [
        "security/ir.model.access.csv",
        "views/omni_channel_views.xml",
        "views/crm_team_views.xml",
        "views/sale_order_views.xml",
        "views/omni_stock_hold_views.xml",
    ],
}
