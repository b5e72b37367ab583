from . import test_ats
from . import test_channel
from . import test_security
from . import test_hold
from . import test_api
from . import test_api_contract
from . import test_context_keys
