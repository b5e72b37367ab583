from . import omni_stock_break_glass
from . import omni_stock_approval_decision
