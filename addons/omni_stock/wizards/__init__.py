from . import omni_ats_explanation
from . import omni_ats_breakdown
