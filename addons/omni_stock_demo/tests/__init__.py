from . import test_demo_retailer
from . import test_demo_website
from . import test_demo_finance
from . import test_demo_count
from . import test_demo_pos
from . import test_demo_returns
from . import test_demo_forecast
