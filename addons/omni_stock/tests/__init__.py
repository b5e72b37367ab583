from . import test_ats
from . import test_channel
from . import test_security
