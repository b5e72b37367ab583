from . import test_transfer_flow
from . import test_approval
from . import test_break_glass
from . import test_report
from . import test_rpc
from . import test_tours
