from . import omni_stock_demo_loader
from . import omni_stock_demo_website
from . import omni_stock_demo_finance
from . import omni_stock_demo_returns
