from . import test_routing
from . import test_return
from . import test_disposition
from . import test_api
from . import test_yield
from . import test_ageing
from . import test_tours
