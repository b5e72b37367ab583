from . import omni_channel
from . import stock_warehouse
from . import pos_config
from . import pos_session
from . import omni_ats
from . import product_product
from . import stock_picking
from . import res_config_settings
