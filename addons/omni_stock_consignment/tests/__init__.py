from . import test_ats
from . import test_reservation
from . import test_settlement
from . import test_valuation
from . import test_security
