from .finance import FINANCE_GROUP, lock_date_reason, reads_values
from .trust import (
    adjustment_source,
    internal_stock_operation,
    is_internal,
    is_system,
    is_trusted,
    trusted_adjustment,
)
