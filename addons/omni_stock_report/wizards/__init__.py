from . import omni_stock_kpi_board
from . import omni_stock_writeoff_wizard
from . import omni_stock_alert_ack
