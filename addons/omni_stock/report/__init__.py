from . import omni_stock_position
