from . import omni_stock_valuation_report
