# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL, float_compare


class StockLocation(models.Model):
    _inherit = "stock.location"

    omni_accuracy_override = fields.Boolean(
        "Accuracy Set by Hand", tracking=True,
        help="Keep the hand-set accuracy: cycle counts still measure it, without replacing it.",
    )
    omni_accuracy_hit_rate = fields.Float("Measured Hit Rate (%)", digits=(5, 2), readonly=True,
                                          help="Count lines within tolerance over the window.")
    omni_accuracy_value = fields.Float("Value-weighted Accuracy (%)", digits=(5, 2),
                                       readonly=True)
    omni_accuracy_lines = fields.Integer("Count Lines Measured", readonly=True)
    omni_accuracy_measured_at = fields.Datetime(readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_omni_accuracy_override(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_omni_accuracy_override(vals)
        return super().write(vals)

    def _check_omni_accuracy_override(self, vals):
        if "omni_accuracy_override" in vals and not (
            self.env.su or self.env.user.has_group("omni_stock.group_omni_manager")
        ):
            raise AccessError(
                self.env._("Only an Omnichannel manager can set a location's accuracy by hand.")
            )

    @api.model
    def _cte_accuracy(self, location_ids):
        """Per location, the applied count lines of its warehouse's accuracy window:
        lines, hits (within tolerance), expected value and absolute variance value."""
        return SQL(
            """
            SELECT cl.location_id, COUNT(*)::int AS lines,
                   COUNT(*) FILTER (WHERE cl.within_tolerance)::int AS hits,
                   SUM(cl.expected_value)::float8 AS expected_value,
                   SUM(cl.variance_value)::float8 AS variance_value
              FROM omni_stock_count_line cl
              JOIN stock_warehouse wh ON wh.id = cl.warehouse_id
             WHERE cl.location_id = ANY(%(locations)s)
               AND cl.state IN ('applied', 'requested')
               AND cl.counted_at >= NOW() AT TIME ZONE 'UTC'
                                    - wh.omni_accuracy_window_days * INTERVAL '1 day'
             GROUP BY cl.location_id
            """,
            locations=location_ids,
        )

    @api.model
    def _omni_accuracy_figures(self, lines, hits, expected_value, variance_value):
        """(hit rate %, value-weighted accuracy %) of a set of count lines."""
        hit_rate = 100.0 * hits / lines if lines else 100.0
        if expected_value:
            value = max(0.0, 100.0 * (1 - variance_value / expected_value))
        else:
            value = 100.0 if not variance_value else 0.0
        return round(hit_rate, 2), round(value, 2)

    def _omni_measure_accuracy(self):
        """Measure the accuracy of these locations from their counts (trusted
        server path) and, unless set by hand, make the hit rate the location's
        ``omni_accuracy``: channels start or stop promising its stock by
        themselves. A location below its warehouse's target gets a count."""
        # earned: server paths only: a submitted count (_ensure_counter), the cron
        locations = self.filtered(lambda loc: loc.usage == "internal").sudo()
        if not locations:
            return
        self.env.flush_all()
        self.env.cr.execute(self._cte_accuracy(locations.ids))
        figures = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        now = fields.Datetime.now()
        Task = self.env["omni.stock.count.task"]
        for location in locations:
            if location.id not in figures:
                continue
            lines, hits, expected_value, variance_value = figures[location.id]
            hit_rate, value = self._omni_accuracy_figures(
                lines, hits, expected_value or 0.0, variance_value or 0.0)
            vals = {
                "omni_accuracy_hit_rate": hit_rate,
                "omni_accuracy_value": value,
                "omni_accuracy_lines": lines,
                "omni_accuracy_measured_at": now,
            }
            if not location.omni_accuracy_override and float_compare(
                location.omni_accuracy, hit_rate, precision_digits=2
            ):
                vals["omni_accuracy"] = hit_rate
            location.write(vals)
            target = location.warehouse_id.omni_accuracy_target
            if location.warehouse_id and float_compare(hit_rate, target, precision_digits=2) < 0:
                products = self.env["stock.quant"].search(
                    [("location_id", "=", location.id), ("quantity", ">", 0)]).product_id
                Task._omni_trigger(
                    "accuracy", location, products, f"accuracy:{location.id}",
                    note=self.env._("Measured %(rate)s%% < target %(target)s%%",
                                    rate=hit_rate, target=target),
                    urgent=False,
                )

    def _omni_accuracy_note(self):
        self.ensure_one()
        return self.env._(
            "measured %(rate)s%% of %(lines)s count lines within tolerance over %(days)s days, "
            "value-weighted %(value)s%%%(manual)s",
            rate=f"{self.omni_accuracy_hit_rate:g}",
            lines=self.omni_accuracy_lines,
            days=self.warehouse_id.omni_accuracy_window_days,
            value=f"{self.omni_accuracy_value:g}",
            manual=self.env._(", set by hand to %s%%", f"{self.omni_accuracy:g}")
            if self.omni_accuracy_override else "",
        )
