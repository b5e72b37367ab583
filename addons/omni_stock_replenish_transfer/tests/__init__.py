from . import test_balancing_request
