from . import test_pos_refund
