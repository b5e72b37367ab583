from . import stock_warehouse
from . import stock_picking
from . import stock_move
from . import omni_stock_return_reason
from . import omni_stock_return_grade
from . import omni_stock_return
from . import omni_stock_return_checklist
from . import omni_stock_return_api
