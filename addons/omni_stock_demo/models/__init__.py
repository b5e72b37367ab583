from . import omni_stock_demo_loader
from . import omni_stock_demo_website
from . import omni_stock_demo_finance
from . import omni_stock_demo_count
from . import omni_stock_demo_pos
from . import omni_stock_demo_returns
from . import omni_stock_demo_users
from . import omni_stock_demo_forecast
