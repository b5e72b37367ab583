from . import test_routing_report
