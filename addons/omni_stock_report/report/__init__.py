from . import omni_stock_writeoff_report
from . import omni_stock_report_xlsx
from . import omni_stock_kpi_board_xlsx
from . import omni_stock_writeoff_xlsx
from . import omni_stock_alert_xlsx
