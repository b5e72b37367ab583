from . import test_return_report
