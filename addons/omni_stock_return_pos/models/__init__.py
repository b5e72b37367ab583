from . import stock_picking
from . import omni_stock_return
