from . import omni_stock_replenish_balance
from . import omni_stock_transfer_request
