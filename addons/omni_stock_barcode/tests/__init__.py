from . import test_scan
from . import test_strict
from . import test_tolerance
from . import test_tours
