from . import omni_channel
from . import crm_team
from . import omni_stock_hold
from . import sale_order
