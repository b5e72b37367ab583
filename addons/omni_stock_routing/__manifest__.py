# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Omnichannel Stock - Order Routing",
    "summary": "Each web and marketplace order goes to the nodes that serve it at the least "
    "cost (shipping, labour, splits, failed-promise risk, ageing stock), within each "
    "store's capacity, with the ranked alternatives and the reason",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/omni-stock/omni-stock",
    "author": "Omnichannel Stock Contributors",
    "license": "AGPL-3",
    "maintainers": ["omni-stock"],
    "development_status": "Alpha",
    "installable": True,  # pylint: disable=manifest-superfluous-key
    "depends": ["omni_stock_sale", "base_geolocalize", "resource"],
    "data": [
        "security/omni_stock_routing_security.xml",
        "security/ir.model.access.csv",
        "wizards/omni_stock_routing_override_views.xml",
        "views/omni_stock_routing_decision_views.xml",
        "views/omni_stock_routing_rate_views.xml",
        "views/omni_stock_routing_capacity_views.xml",
        "views/omni_channel_views.xml",
        "views/stock_warehouse_views.xml",
        "views/sale_order_views.xml",
        "views/omni_stock_routing_menus.xml",
    ],
}
