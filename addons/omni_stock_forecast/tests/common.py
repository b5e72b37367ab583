import datetime

from odoo import fields
from odoo.addons.omni_stock_job.tests.common import trap_jobs
from odoo.addons.omni_stock_report.tests.common import ReportCase
from odoo.tests import new_test_user
from odoo.tools import SQL

PLANNER = "omni_stock_forecast.group_omni_forecast_planner"


def monday(day=None):
    day = day or fields.Date.today()
    return day - datetime.timedelta(days=day.weekday())


class ForecastCase(ReportCase):
    """The report suite's warehouses and products, a demand planner, and a ledger
    written week by week in the past."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.planner = new_test_user(
            cls.env, "fc_planner", groups=PLANNER, company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)])
        cls.this_week = monday()

    def at(self, weeks_ago, day=2, hour=12):
        """A moment ``weeks_ago`` weeks before this week's Monday (+ ``day`` days)."""
        start = self.this_week - datetime.timedelta(weeks=weeks_ago, days=-day)
        return datetime.datetime.combine(start, datetime.time(hour))

    def dated(self, moves, when):
        self.env.flush_all()
        self.env.cr.execute(SQL(
            "UPDATE stock_move SET date = %s WHERE id = ANY(%s);"
            "UPDATE stock_move_line SET date = %s WHERE move_id = ANY(%s)",
            when, moves.ids, when, moves.ids))
        self.env.invalidate_all()
        return moves

    def ledger(self, product, weeks, warehouse=None):
        """``weeks``: [(weeks ago, received, sold)], oldest first; received on Monday
        morning, sold on Wednesday."""
        stock = (warehouse or self.warehouse).lot_stock_id
        for weeks_ago, received, sold in weeks:
            if received:
                self.dated(self.move_done(self.suppliers, stock, received, product=product),
                           self.at(weeks_ago, day=0, hour=8))
            if sold:
                self.dated(self.move_done(stock, self.customers, sold, product=product),
                           self.at(weeks_ago))

    def run_forecast(self, origin=None, user=None, **vals):
        """A forecast run started as ``user`` (the planner), its jobs done at once."""
        Run = self.env["omni.stock.forecast.run"].with_user(user or self.planner)
        run = Run.create({"origin": origin or self.this_week, **vals})
        with trap_jobs() as trap:
            run.action_start()
            trap.perform()
        return run.sudo()

    def series(self, product, warehouse=None):
        return self.env["omni.stock.forecast.series"].search([
            ("product_id", "=", product.id),
            ("warehouse_id", "=", (warehouse or self.warehouse).id)])

    def lines(self, product, warehouse=None):
        return self.series(product, warehouse).line_ids.sorted("week_start")
