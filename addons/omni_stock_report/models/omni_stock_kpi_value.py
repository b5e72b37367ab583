# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.addons.omni_stock_adjustment.tools import FINANCE_GROUP
from odoo.tools import SQL


class OmniStockKpiValue(models.Model):
    """One KPI figure for a day (or a month, for period KPIs) and its dimensions.

    Rows are written by ``omni.stock.kpi.refresh`` only.  Grouped reads (pivot,
    graph) show ``Σ numerator / Σ denominator`` for the ``value`` measure, so a
    ratio stays a ratio whatever the grouping; a group mixing several KPIs has no
    value (their units do not add up).
    """

    _name = "omni.stock.kpi.value"
    _description = "Stock KPI Value"
    _order = "date desc, kpi_id"
    _rec_name = "kpi_id"

    kpi_id = fields.Many2one(
        "omni.stock.kpi", "KPI", required=True, readonly=True, index=True, ondelete="cascade"
    )
    unit = fields.Selection(related="kpi_id.unit")
    date = fields.Date(required=True, readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True, index=True)
    location_id = fields.Many2one("stock.location", readonly=True)
    channel_id = fields.Many2one("omni.channel", readonly=True, index=True)
    numerator = fields.Float(readonly=True, aggregator="sum",
                             help="Empty for a KPI of amounts (see Value Numerator).")
    denominator = fields.Float(readonly=True, aggregator="sum")
    # a value KPI's amounts (e.g. value lost, cost of goods sold): finance's
    value_numerator = fields.Float(readonly=True, aggregator="sum", groups=FINANCE_GROUP)
    value_denominator = fields.Float(readonly=True, aggregator="sum", groups=FINANCE_GROUP)
    value = fields.Float(
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Numerator / denominator; grouped: sum of numerators / sum of denominators.",
    )
    available = fields.Boolean(
        readonly=True, help="False: the KPI's data source is not installed; no figure."
    )
    note = fields.Char(readonly=True)

    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec in ("value:avg", "value:sum"):
            # the ratio of sums, whoever reads it: a ratio is not an amount, so the
            # finance-only columns of value KPIs are read here as plain columns
            def both(name):
                return SQL("COALESCE(%s, %s)", SQL.identifier(self._table, name),
                           SQL.identifier(self._table, f"value_{name}"))

            # a group of several KPIs has no figure: percentages, days and ratios do
            # not add up (the pivot's grand total stays empty instead of a number)
            return SQL(
                "CASE WHEN COUNT(DISTINCT %s) = 1 THEN SUM(%s) / NULLIF(SUM(%s), 0) END",
                SQL.identifier(self._table, "kpi_id"), both("numerator"),
                both("denominator"))
        return super()._read_group_select(aggregate_spec, query)
