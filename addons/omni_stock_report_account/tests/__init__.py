from . import test_valuation
from . import test_reconciliation
from . import test_period_close
from . import test_export_download
from . import test_close_rights
from . import test_odoo_valuation
