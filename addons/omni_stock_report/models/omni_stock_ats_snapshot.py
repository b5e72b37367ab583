# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL


class OmniStockAtsSnapshot(models.Model):
    """How many of a channel's products were at ATS 0 on a day.

    Taken once a day by a scheduled job (``take``) from the ATS engine, in one
    set-based computation per channel; only the products at 0 are kept as lines.
    Source of the *stockout frequency* KPI.
    """

    _name = "omni.stock.ats.snapshot"
    _description = "Daily ATS Snapshot"
    _order = "date desc, channel_id"
    _rec_name = "channel_id"

    date = fields.Date(required=True, readonly=True, index=True)
    channel_id = fields.Many2one("omni.channel", required=True, readonly=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    products_tracked = fields.Integer(readonly=True, help="Saleable storable products.")
    products_out = fields.Integer("Products at ATS 0", readonly=True)
    line_ids = fields.One2many("omni.stock.ats.snapshot.line", "snapshot_id", readonly=True)

    _sql_constraints = [
        ("date_channel_uniq", "unique(date, channel_id)", "One snapshot per channel and day."),
    ]

    @api.model
    def _tracked_products(self, channel):
        return self.env["product.product"].with_context(active_test=True).search([
            ("is_storable", "=", True),
            ("sale_ok", "=", True),
            ("company_id", "in", [False, channel.company_id.id]),
        ])

    @api.model
    def take(self, date=None, channels=None):
        """Snapshot ``channels`` (default: every active channel) for ``date`` (today)."""
        date = fields.Date.to_date(date) or fields.Date.context_today(self)
        if channels is None:
            channels = self.env["omni.channel"].search([("active", "=", True)])
        engine = self.env["omni.ats"]
        cr = self.env.cr
        for channel in channels:
            products = self._tracked_products(channel)
            figures = engine.compute(products, channel=channel, detail=False) if products else {}
            out = [pid for pid, figure in figures.items() if figure["ats"] <= 0]
            ats = [figures[pid]["ats"] for pid in out]
            self.search([("date", "=", date), ("channel_id", "=", channel.id)]).unlink()
            snapshot = self.create({
                "date": date, "channel_id": channel.id, "company_id": channel.company_id.id,
                "products_tracked": len(products), "products_out": len(out),
            })
            self.env.flush_all()
            cr.execute(SQL(
                """
                INSERT INTO omni_stock_ats_snapshot_line (snapshot_id, company_id, product_id, ats)
                SELECT %s, %s, p.id, p.ats FROM unnest(%s::int[], %s::float8[]) AS p(id, ats)
                """,
                snapshot.id, channel.company_id.id, out, ats,
            ))
        self.env["omni.stock.ats.snapshot.line"].invalidate_model()
        return True

    @api.model
    def _cron_take(self):
        self.take()

