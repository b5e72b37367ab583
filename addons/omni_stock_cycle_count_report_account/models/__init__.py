from . import omni_stock_count_line
from . import omni_stock_reconciliation
from . import omni_stock_reconciliation_line
from . import omni_stock_period_close
