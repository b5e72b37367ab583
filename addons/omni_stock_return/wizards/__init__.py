from . import stock_return_picking
from . import omni_ats_breakdown
from . import omni_stock_return_inspect
