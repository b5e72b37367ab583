from . import omni_stock_pick_short
