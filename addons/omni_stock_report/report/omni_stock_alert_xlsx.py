# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class OmniStockAlertXlsx(models.AbstractModel):
    """The selected exception alerts (*Print* on the list)."""

    _name = "report.omni_stock_report.alert_xlsx"
    _inherit = "report.omni_stock_report.export_xlsx"
    _description = "Stock Alerts (XLSX)"
    _omni_export_model = "omni.stock.alert"
