from . import test_pick_short_reroute
