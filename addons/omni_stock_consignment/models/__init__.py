from . import omni_stock_consignment_agreement
from . import omni_ats
from . import stock_quant
from . import stock_move
from . import stock_move_line
from . import account_move
from . import account_move_line
from . import purchase_order
