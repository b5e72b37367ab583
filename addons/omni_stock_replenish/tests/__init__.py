from . import test_recommendation
from . import test_balancing
from . import test_scorecard
from . import test_rights_rpc
