from odoo.tests import HttpCase, tagged

from .common import ForecastCase


@tagged("post_install", "-at_install", "omni_tour")
class TestForecastTour(HttpCase, ForecastCase):
    def test_planner_overrides_in_the_browser(self):
        weeks = [(12, 20, 5)] + [(ago, 5, 5) for ago in range(11, 2, -1)] + [(2, 0, 15)]
        self.ledger(self.tee, weeks)
        self.run_forecast(history_weeks=14)
        # this week's forecast of the tee (the database may hold others: the demo's)
        line = self.lines(self.tee)[0]
        self.start_tour(
            f"/odoo/action-omni_stock_forecast.action_omni_stock_forecast_line/{line.id}",
            "omni_stock_forecast_override", login="fc_planner")
        self.assertRecordValues(line, [{"figure": 12.0, "override": 7.0,
                                        "override_reason": "Street festival",
                                        "override_user_id": self.planner.id}])
