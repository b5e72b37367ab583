# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class OmniStockKpiBoardXlsx(models.AbstractModel):
    """The KPI board's export: the summary and the figures by warehouse and channel."""

    _name = "report.omni_stock_report.kpi_board_xlsx"
    _inherit = "report.omni_stock_report.export_xlsx"
    _description = "KPI Board (XLSX)"
    _omni_export_model = "omni.stock.kpi.board"
