from . import omni_stock_valuation_report
from . import omni_stock_valuation_xlsx
from . import omni_stock_reconciliation_xlsx
from . import omni_stock_period_close_xlsx
