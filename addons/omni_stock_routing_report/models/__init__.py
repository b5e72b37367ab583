from . import omni_stock_kpi
from . import omni_stock_alert_rule
from . import omni_stock_alert
