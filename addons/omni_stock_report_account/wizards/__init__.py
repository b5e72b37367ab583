from . import omni_stock_valuation_wizard
from . import omni_stock_period_close_override
