from . import test_balancing_request
from . import test_tours
