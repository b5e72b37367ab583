from . import res_company
from . import res_config_settings
from . import omni_stock_adjustment_log
from . import omni_stock_reconciliation
from . import omni_stock_reconciliation_line
from . import omni_stock_period_close
from . import omni_stock_period_close_check
from . import odoo_valuation
