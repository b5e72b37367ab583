# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class OmniStockReconciliationXlsx(models.AbstractModel):
    """A three-way reconciliation's lines, its totals above them (*Print*)."""

    _name = "report.omni_stock_report_account.reconciliation_xlsx"
    _inherit = "report.omni_stock_report.export_xlsx"
    _description = "Reconciliation (XLSX)"
    _omni_export_model = "omni.stock.reconciliation"
