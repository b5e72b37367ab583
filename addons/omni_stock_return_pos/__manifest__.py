# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Omnichannel Stock - Returns at the Till",
    "summary": "A till's refund checks quantity and origin like every other return: "
    "more than sold, or no sale named, is flagged into quarantine",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/omni-stock/omni-stock",
    "author": "Omnichannel Stock Contributors",
    "license": "AGPL-3",
    "maintainers": ["omni-stock"],
    "development_status": "Beta",
    "installable": True,  # pylint: disable=manifest-superfluous-key
    "auto_install": True,
    "depends": ["omni_stock_return", "omni_stock_pos"],
    "data": ["views/omni_stock_return_views.xml"],
}
