from . import test_sale
from . import test_hold_rights
