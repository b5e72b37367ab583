from . import omni_stock_reconciliation
from . import omni_stock_period_close
