from . import test_pos_figures
from . import test_pos_closing
from . import test_pos_offline
from . import test_pos_security
from . import test_pos_notify
from . import test_pos_hold
from . import test_tours
from . import test_pos_contract
