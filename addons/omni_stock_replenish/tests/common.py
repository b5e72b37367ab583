import datetime

from odoo import fields
from odoo.addons.omni_stock_report.tests.common import ReportCase
from odoo.tools import SQL


class ReplenishCase(ReportCase):
    """The report suite's central warehouse and store, a vendor who promises 4 days,
    and forecasts written as the forecast run writes them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({
            "omni_repl_review_days": 7, "omni_repl_overstock_weeks": 12,
            "omni_repl_balance_weeks": 6, "omni_repl_transfer_cost": 1.0,
            "omni_repl_lt_tolerance_days": 1, "omni_repl_age_days": 180,
            # fill rate targets of the hand-computed figures (not the defaults)
            "omni_repl_service_a": 0.96, "omni_repl_service_b": 0.95,
            "omni_repl_service_c": 0.90,
        })
        cls.vendor = cls.env["res.partner"].create({"name": "Replenish Vendor"})
        cls.env["product.supplierinfo"].create({
            "partner_id": cls.vendor.id, "product_tmpl_id": cls.tee.product_tmpl_id.id,
            "delay": 4, "price": 5.0, "min_qty": 0,
        })
        cls.tee.write({"lst_price": 25.0, "standard_price": 10.0})
        cls.Recommendation = cls.env["omni.stock.replenish.recommendation"]
        week = cls.env["omni.stock.forecast.line"]._current_week()
        cls.this_week = week

    def forecast(self, product, warehouse, weekly, mae=0.0, channel=None):
        """A forecast series of ``product`` in ``warehouse`` whose next weeks are
        ``weekly`` and whose chosen method (seasonal naive) erred by ``mae`` a week."""
        series = self.env["omni.stock.forecast.series"].create({
            "product_id": product.id, "warehouse_id": warehouse.id,
            "location_id": warehouse.lot_stock_id.id, "company_id": self.company.id,
            "channel_id": channel.id if channel else False,
            "method": "seasonal_naive", "mae_seasonal_naive": mae,
        })
        self.env["omni.stock.forecast.line"].create([{
            "series_id": series.id, "product_id": product.id,
            "warehouse_id": warehouse.id, "company_id": self.company.id,
            "channel_id": channel.id if channel else False,
            "week_start": self.this_week + datetime.timedelta(weeks=i), "lag": i + 1,
            "method": "seasonal_naive", "level": qty, "figure": qty, "system_qty": qty,
        } for i, qty in enumerate(weekly)])
        return series

    def compute(self, *pairs):
        self.Recommendation._compute_pairs(
            self.company, [(p.id, w.id) for p, w in pairs])
        return self.Recommendation.search([
            ("product_id", "in", [p.id for p, _w in pairs])])

    def balancing_network(self, central_on_hand):
        """The balancing case: the central warehouse sells the tee 1/day and holds
        ``central_on_hand``, the store sells 2/day (forecast error 5.6 a week) and holds
        1; both recommendations computed."""
        self.forecast(self.tee, self.warehouse, [7, 7])
        self.forecast(self.tee, self.store, [14, 14], mae=5.6)
        self.put(self.stock, central_on_hand)
        self.put(self.store_stock, 1)
        self.compute((self.tee, self.warehouse), (self.tee, self.store))

    def rec(self, product, warehouse):
        return self.Recommendation.search([("product_id", "=", product.id),
                                           ("warehouse_id", "=", warehouse.id)])

    def set_dates(self, table, ids, column, when):
        self.env.flush_all()
        self.env.cr.execute(SQL("UPDATE %s SET %s = %s WHERE id = ANY(%s)",
                                SQL.identifier(table), SQL.identifier(column), when,
                                list(ids)))
        self.env.invalidate_all()

    @staticmethod
    def days_ago(days):
        return fields.Datetime.now().replace(microsecond=0) - datetime.timedelta(days=days)
