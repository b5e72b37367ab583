# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Omnichannel Stock Adjustments",
    "summary": "Reason-coded stock adjustments with approval, audit trail and a stock lock date",
    "version": "18.0.1.2.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/omni-stock/omni-stock",
    "author": "Omnichannel Stock Contributors",
    "license": "AGPL-3",
    "maintainers": ["omni-stock"],
    "development_status": "Beta",
    "installable": True,  # pylint: disable=manifest-superfluous-key
    "depends": ["omni_stock"],
    "data": [
        "security/omni_stock_adjustment_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/omni_stock_adjustment_reason_data.xml",
        "views/omni_stock_adjustment_reason_views.xml",
        "views/omni_stock_adjustment_request_views.xml",
        "views/omni_stock_adjustment_log_views.xml",
        "views/stock_quant_views.xml",
        "views/stock_scrap_views.xml",
        "views/stock_warehouse_views.xml",
        "wizards/omni_stock_lock_date_change_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/omni_stock_adjustment_decision_views.xml",
        "wizards/stock_change_product_qty_views.xml",
        "wizards/stock_inventory_adjustment_name_views.xml",
        "wizards/omni_stock_release_views.xml",
        "views/omni_stock_adjustment_menus.xml",
    ],
}
