from . import omni_stock_job_run_mixin
from . import omni_stock_job_batch
