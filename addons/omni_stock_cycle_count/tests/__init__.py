from . import test_abc
from . import test_plan
from . import test_triggers
from . import test_count
from . import test_pick_short
from . import test_accuracy
from . import test_security
from . import test_tours
