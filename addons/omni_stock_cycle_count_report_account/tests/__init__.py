from . import test_reconciliation_close
