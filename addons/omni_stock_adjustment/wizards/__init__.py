from . import omni_stock_adjustment_decision
from . import stock_change_product_qty
from . import stock_inventory_adjustment_name
from . import omni_stock_release
from . import omni_stock_lock_date_change
