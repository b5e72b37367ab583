# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class OmniStockPeriodCloseXlsx(models.AbstractModel):
    """A period close's checklist (*Print*)."""

    _name = "report.omni_stock_report_account.period_close_xlsx"
    _inherit = "report.omni_stock_report.export_xlsx"
    _description = "Period Close Checklist (XLSX)"
    _omni_export_model = "omni.stock.period.close"
