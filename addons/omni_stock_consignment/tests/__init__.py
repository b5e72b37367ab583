from . import test_ats
from . import test_reservation
from . import test_settlement
from . import test_valuation
from . import test_security
from . import test_tours
from . import test_scanner
from . import test_rpc
