from . import stock_return_picking
from . import omni_ats_breakdown
