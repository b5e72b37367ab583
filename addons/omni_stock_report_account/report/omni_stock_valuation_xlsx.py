# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class OmniStockValuationXlsx(models.AbstractModel):
    """The valuation by status at a date: a summary sheet, then the positions."""

    _name = "report.omni_stock_report_account.valuation_xlsx"
    _inherit = "report.omni_stock_report.export_xlsx"
    _description = "Valuation by Status (XLSX)"
    _omni_export_model = "omni.stock.valuation.wizard"
