from . import test_kpi_alert
