# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.addons.omni_stock_adjustment.tools import FINANCE_GROUP

# the finance group's xml id while it was defined here
LEGACY_FINANCE_XMLID = "omni_stock_report.group_omni_report_finance"


class ResGroups(models.Model):
    _inherit = "res.groups"

    @api.model
    def _omni_keep_finance_xmlid(self):
        """Keep ``omni_stock_report.group_omni_report_finance`` naming the finance group,
        now ``omni_stock_adjustment.group_stock_values`` (noupdate: never removed by an
        update; on uninstall, the group stays: omni_stock_adjustment owns it too)."""
        self.env["ir.model.data"]._update_xmlids([{
            "xml_id": LEGACY_FINANCE_XMLID, "record": self.env.ref(FINANCE_GROUP),
            "noupdate": True,
        }])
