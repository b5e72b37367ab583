from . import stock_location
from . import omni_channel
from . import omni_channel_safety_rule
from . import omni_ats
from . import product_product
from . import omni_stock_position
