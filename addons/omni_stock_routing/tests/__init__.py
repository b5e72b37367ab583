from . import test_routing
from . import test_reroute
from . import test_security
from . import test_api
