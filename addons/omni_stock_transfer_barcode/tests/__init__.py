from . import test_scan_time
