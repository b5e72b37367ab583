from . import test_kpi
from . import test_alert
from . import test_security
from . import test_export
from . import test_export_download
from . import test_finance_values
from . import test_alert_scope
