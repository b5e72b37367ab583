from . import omni_stock_kpi
