from . import res_company
from . import res_config_settings
from . import omni_stock_supplier_scorecard
from . import omni_stock_replenish_run
from . import omni_stock_replenish_recommendation
from . import omni_stock_replenish_apply_log
from . import omni_stock_replenish_balance
from . import omni_stock_kpi
