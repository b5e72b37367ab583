from . import omni_stock_writeoff_report
from . import omni_stock_report_xlsx
