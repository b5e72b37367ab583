from . import test_pos_consignment
from . import test_consignment_ledger
