from . import test_forecast_run
from . import test_forecast_rights
from . import test_anomaly
from . import test_tours
