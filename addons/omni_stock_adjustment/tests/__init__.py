from . import test_count
from . import test_paths
from . import test_lock_date
from . import test_security
from . import test_integrity
from . import test_release
from . import test_finance_values
from . import test_context_keys
