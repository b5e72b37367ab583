# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class OmniStockWriteoffXlsx(models.AbstractModel):
    """The write-offs of the filter dialog, the filters above the rows."""

    _name = "report.omni_stock_report.writeoff_xlsx"
    _inherit = "report.omni_stock_report.export_xlsx"
    _description = "Write-offs (XLSX)"
    _omni_export_model = "omni.stock.writeoff.wizard"
