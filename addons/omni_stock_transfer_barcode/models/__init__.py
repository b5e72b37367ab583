from . import omni_stock_transfer_request
from . import omni_stock_kpi
